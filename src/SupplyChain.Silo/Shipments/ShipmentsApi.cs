using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Silo.Events;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Shipments;

/// <summary>Shipments: the plan (carriers) and what customers read (no key).</summary>
internal static class ShipmentsApi
{
    /// <summary>Largest plan body accepted, in bytes: a route of about 10,000 points.</summary>
    internal const int MaxPlanBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/shipments/{trackingNumber}").WithTags("Shipments");
        group.MapPut("", PutPlan)
            .RequireAuthorization(Roles.CarrierOrAdminPolicy)
            .WithName("PutShipmentPlan")
            .WithSummary("Create or update a shipment's plan")
            .Accepts<ShipmentPlanRequest>("application/json");
        group.MapGet("", GetShipment).WithName("GetShipment").WithSummary("A shipment as its customer sees it");
        group.MapGet("/events", GetEvents).WithName("GetShipmentEvents").WithSummary("The shipment's outbound events, oldest first");
        return app;
    }

    /// <summary>A bad tracking number in the path, or a bad <c>carrier</c> (the account that names one of the number's shipments).</summary>
    internal static ProblemHttpResult? CheckAddress(string trackingNumber, string? carrier) =>
        RouteIdentifier.Problem(IdentifierRule.TrackingNumber, trackingNumber)
        ?? (carrier is not null && IdentifierRule.AccountId.Problem(carrier, "carrier") is { } bad
            ? TypedResults.Problem(bad, statusCode: StatusCodes.Status400BadRequest, title: "Invalid carrier")
            : null);

    /// <summary>Where the shipment is read: the number, and the account that tells it apart from the number's first shipment.</summary>
    private static string Location(string trackingNumber, string? carrier) =>
        $"/api/shipments/{Uri.EscapeDataString(trackingNumber)}" + (carrier is null ? "" : $"?carrier={Uri.EscapeDataString(carrier)}");

    private static async Task<Results<Created<ShipmentResponse>, Ok<ShipmentResponse>, ProblemHttpResult, ValidationProblem>> PutPlan(
        string trackingNumber, string? carrier, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, OwnershipDirectory owners,
        ShipmentAudience audience, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (CheckAddress(trackingNumber, carrier) is { } invalid)
        {
            return invalid;
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<ShipmentPlanRequest>(
            request, MaxPlanBytes, json.Value.SerializerOptions, "Invalid plan", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.ToPlan(out var errors) is not { } plan)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid plan");
        }

        // Claimed only for a valid plan: a refused request claims nothing. A carrier writes its own
        // shipment of the number; ops write the one they name.
        if (!user.IsInRole(Roles.Admin) && user.AccountId() is { } account)
        {
            if (await owners.ClaimAsync(OwnedThing.Shipment(trackingNumber), account) is null)
            {
                return TypedResults.Problem(
                    $"Tracking number '{trackingNumber}' is already used by {IOwnershipGrain.MaxHoldersPerNumber} accounts, the most one number may have.",
                    statusCode: StatusCodes.Status409Conflict, title: "Tracking number in use");
            }

            carrier = account;
        }

        var writer = await audience.ReaderAsync(user, trackingNumber, token: null, carrier);
        if (writer.Key is not { } key)
        {
            return Unreadable(writer, trackingNumber);
        }

        var shipment = grains.GetGrain<IShipmentGrain>(key);
        var created = await shipment.SetPlan(plan);
        // The writer is its owner or an admin: the answer is the whole shipment, with the link to hand to the consignee.
        var response = writer.View(ShipmentResponse.From((await shipment.GetView())!));
        return created
            ? TypedResults.Created(Location(trackingNumber, key == trackingNumber ? null : writer.Account), response)
            : TypedResults.Ok(response);
    }

    /// <summary>The owning account and ops see the whole shipment; every other reader, its consignee's view (<see cref="ShipmentAudience"/>).</summary>
    private static async Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> GetShipment(
        string trackingNumber, string? token, string? carrier, ClaimsPrincipal user, IGrainFactory grains, ShipmentAudience audience)
    {
        if (CheckAddress(trackingNumber, carrier) is { } invalid)
        {
            return invalid;
        }

        var reader = await audience.ReaderAsync(user, trackingNumber, token, carrier);
        if (reader.Key is not { } key || await grains.GetGrain<IShipmentGrain>(key).GetView() is not { } view)
        {
            return Unreadable(reader, trackingNumber);
        }

        return TypedResults.Ok(reader.View(ShipmentResponse.From(view)));
    }

    private static async Task<Results<Ok<CloudEventResponse[]>, ProblemHttpResult>> GetEvents(
        string trackingNumber, string? token, string? carrier, ClaimsPrincipal user, IGrainFactory grains, ShipmentAudience audience)
    {
        if (CheckAddress(trackingNumber, carrier) is { } invalid)
        {
            return invalid;
        }

        var reader = await audience.ReaderAsync(user, trackingNumber, token, carrier);
        if (reader.Key is not { } key || await grains.GetGrain<IShipmentGrain>(key).GetEvents() is not { } events)
        {
            return Unreadable(reader, trackingNumber);
        }

        return TypedResults.Ok(events.Select(e => reader.View(e, trackingNumber)).OfType<CloudEventResponse>().ToArray());
    }

    /// <summary>The answer when the reader sees no shipment: which carriers to choose from when the number is ambiguous, else unknown.</summary>
    internal static ProblemHttpResult Unreadable(ShipmentReader reader, string trackingNumber) =>
        reader.Carriers is { } carriers
            ? TypedResults.Problem(
                $"Tracking number '{trackingNumber}' is used by several carriers; name one with ?carrier= ({string.Join(", ", carriers)}).",
                statusCode: StatusCodes.Status409Conflict, title: "Ambiguous tracking number",
                extensions: new Dictionary<string, object?> { ["carriers"] = carriers })
            : NotFound(trackingNumber);

    /// <summary>The answer for an unknown number, and for a known one read without its required token: the two look the same.</summary>
    internal static ProblemHttpResult NotFound(string trackingNumber) => TypedResults.Problem(
        $"No shipment has tracking number '{trackingNumber}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown shipment");
}
