using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Contracts.Shipments;

/// <summary>A shipment's plan, as the carrier puts it with <c>PUT /api/shipments/{trackingNumber}</c>.</summary>
/// <param name="CarrierId">The carrier responsible.</param>
/// <param name="Origin">Where it starts.</param>
/// <param name="Destination">Where it goes.</param>
/// <param name="DestinationRadiusM">Radius of the destination zone in metres.</param>
/// <param name="PromisedBy">The delivery time promised to the customer.</param>
/// <param name="Route">The planned route as positions, origin first.</param>
/// <param name="CorridorWidthM">Total width in metres of the corridor watched around the route.</param>
[GenerateSerializer, Immutable, Alias("sc.ShipmentPlan")]
public sealed record ShipmentPlan(
    [property: Id(0)] string? CarrierId,
    [property: Id(1)] GeoPoint? Origin,
    [property: Id(2)] GeoPoint? Destination,
    [property: Id(3)] double? DestinationRadiusM,
    [property: Id(4)] DateTimeOffset? PromisedBy,
    [property: Id(5)] IReadOnlyList<GeoPoint>? Route,
    [property: Id(6)] double? CorridorWidthM)
{
    /// <summary>Planned stops on the way, in order, each with its planned dwell.</summary>
    [Id(7)]
    public IReadOnlyList<PlanStop>? Stops { get; init; }

    /// <summary>The destination's facility (geofence) id, when it is one: its events name it, so a warehouse can subscribe to them.</summary>
    [Id(8)]
    public string? DestinationFacilityId { get; init; }
}
