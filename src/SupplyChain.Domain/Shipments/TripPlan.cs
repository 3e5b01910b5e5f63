using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;

namespace SupplyChain.Domain.Shipments;

/// <summary>
/// The parts of a shipment's plan its rules watch, with the defaults already applied: the route whose
/// corridor is watched, the destination whose ETA is estimated and the promise that ETA is held to. Immutable.
/// </summary>
/// <param name="Route">The planned route; null when the plan has fewer than two positions (no corridor then).</param>
/// <param name="Destination">Where it goes; null when unknown (no ETA then).</param>
/// <param name="CorridorWidthM">Total width in metres of the corridor around the route.</param>
/// <param name="DestinationRadiusM">Radius in metres of the destination zone.</param>
public sealed record TripPlan(Route? Route, GeoPoint? Destination, double CorridorWidthM, double DestinationRadiusM)
{
    /// <summary>The delivery time promised to the customer; null without a promise (see <see cref="DeliveryPromise"/>).</summary>
    public DateTimeOffset? PromisedBy { get; init; }

    /// <summary>The planned stops on the way, in order, each with its dwell; empty without any.</summary>
    public IReadOnlyList<PlannedStop> Stops { get; init; } = [];
}
