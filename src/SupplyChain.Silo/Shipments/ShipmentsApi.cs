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

    internal static ProblemHttpResult? CheckTrackingNumber(string trackingNumber) =>
        RouteIdentifier.Problem(IdentifierRule.TrackingNumber, trackingNumber);

    private static async Task<Results<Created<ShipmentResponse>, Ok<ShipmentResponse>, ProblemHttpResult, ValidationProblem>> PutPlan(
        string trackingNumber, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, OwnershipDirectory owners,
        ShipmentAudience audience, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (CheckTrackingNumber(trackingNumber) is { } invalid)
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

        // Claimed only for a valid plan: a refused request claims nothing.
        if (!user.IsInRole(Roles.Admin) && user.AccountId() is { } account
            && await owners.ClaimAsync(OwnedThing.Shipment(trackingNumber), account) != account)
        {
            return TypedResults.Problem(
                $"Shipment '{trackingNumber}' belongs to another account.", statusCode: StatusCodes.Status403Forbidden, title: "Not this account's");
        }

        var shipment = grains.GetGrain<IShipmentGrain>(trackingNumber);
        var created = await shipment.SetPlan(plan);
        // The writer is its owner or an admin: the answer is the whole shipment, with the link to hand to the consignee.
        var response = (await audience.ReaderAsync(user, trackingNumber, token: null)).View(ShipmentResponse.From((await shipment.GetView())!));
        return created
            ? TypedResults.Created($"/api/shipments/{Uri.EscapeDataString(trackingNumber)}", response)
            : TypedResults.Ok(response);
    }

    /// <summary>The owning account and ops see the whole shipment; every other reader, its consignee's view (<see cref="ShipmentAudience"/>).</summary>
    private static async Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> GetShipment(
        string trackingNumber, string? token, ClaimsPrincipal user, IGrainFactory grains, ShipmentAudience audience)
    {
        if (CheckTrackingNumber(trackingNumber) is { } invalid)
        {
            return invalid;
        }

        var reader = await audience.ReaderAsync(user, trackingNumber, token);
        if (!reader.Sees || await grains.GetGrain<IShipmentGrain>(trackingNumber).GetView() is not { } view)
        {
            return NotFound(trackingNumber);
        }

        return TypedResults.Ok(reader.View(ShipmentResponse.From(view)));
    }

    private static async Task<Results<Ok<CloudEventResponse[]>, ProblemHttpResult>> GetEvents(
        string trackingNumber, string? token, ClaimsPrincipal user, IGrainFactory grains, ShipmentAudience audience)
    {
        if (CheckTrackingNumber(trackingNumber) is { } invalid)
        {
            return invalid;
        }

        var reader = await audience.ReaderAsync(user, trackingNumber, token);
        if (!reader.Sees || await grains.GetGrain<IShipmentGrain>(trackingNumber).GetEvents() is not { } events)
        {
            return NotFound(trackingNumber);
        }

        return TypedResults.Ok(events.Select(e => reader.View(e, trackingNumber)).OfType<CloudEventResponse>().ToArray());
    }

    /// <summary>The answer for an unknown number, and for a known one read without its required token: the two look the same.</summary>
    internal static ProblemHttpResult NotFound(string trackingNumber) => TypedResults.Problem(
        $"No shipment has tracking number '{trackingNumber}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown shipment");
}
