using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Silo.Events;
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
        string trackingNumber, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken cancellationToken)
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

        var shipment = grains.GetGrain<IShipmentGrain>(trackingNumber);
        var created = await shipment.SetPlan(plan);
        var response = ShipmentResponse.From((await shipment.GetView())!);
        return created
            ? TypedResults.Created($"/api/shipments/{Uri.EscapeDataString(trackingNumber)}", response)
            : TypedResults.Ok(response);
    }

    /// <summary>A key sees the whole shipment; a reader without one, its consignee's view.</summary>
    private static async Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> GetShipment(
        string trackingNumber, ClaimsPrincipal user, IGrainFactory grains, IOptions<PrivacyOptions> privacy)
    {
        if (CheckTrackingNumber(trackingNumber) is { } invalid)
        {
            return invalid;
        }

        if (await grains.GetGrain<IShipmentGrain>(trackingNumber).GetView() is not { } view)
        {
            return NotFound(trackingNumber);
        }

        var full = ShipmentResponse.From(view);
        return TypedResults.Ok(IsKeyHolder(user) ? full : ConsigneeView.Of(full, privacy.Value.PublicPositionPrecision));
    }

    private static async Task<Results<Ok<CloudEventResponse[]>, ProblemHttpResult>> GetEvents(
        string trackingNumber, ClaimsPrincipal user, IGrainFactory grains, IOptions<PrivacyOptions> privacy)
    {
        if (CheckTrackingNumber(trackingNumber) is { } invalid)
        {
            return invalid;
        }

        if (await grains.GetGrain<IShipmentGrain>(trackingNumber).GetEvents() is not { } events)
        {
            return NotFound(trackingNumber);
        }

        if (IsKeyHolder(user))
        {
            return TypedResults.Ok(events.Select(CloudEventResponse.From).ToArray());
        }

        var precision = privacy.Value.PublicPositionPrecision;
        return TypedResults.Ok(events
            .Where(e => ConsigneeView.IsShown(e.Source, e.Type, trackingNumber, precision))
            .Select(e => ConsigneeView.Of(CloudEventResponse.From(e), precision))
            .ToArray());
    }

    /// <summary>Whether the caller presented a key (a carrier or an admin), and so sees the full view.</summary>
    internal static bool IsKeyHolder(ClaimsPrincipal user) => Roles.ReadsInFull(user);

    private static ProblemHttpResult NotFound(string trackingNumber) => TypedResults.Problem(
        $"No shipment has tracking number '{trackingNumber}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown shipment");
}
