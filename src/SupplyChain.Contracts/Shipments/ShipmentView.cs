using SupplyChain.Domain.Shipments;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Contracts.Shipments;

/// <summary>What a customer and the API see of a shipment.</summary>
[GenerateSerializer, Immutable, Alias("sc.ShipmentView")]
public sealed record ShipmentView(
    [property: Id(0)] string TrackingNumber,
    [property: Id(1)] ShipmentStatus Status,
    [property: Id(2)] ScanType? StatusDetail,
    [property: Id(3)] PositionAt? Location,
    [property: Id(4)] string? VehicleId,
    [property: Id(5)] DateTimeOffset? Eta,
    [property: Id(6)] DateTimeOffset? OriginalEta,
    [property: Id(7)] IReadOnlyList<Milestone> Milestones,
    [property: Id(8)] IReadOnlyList<OutboundEvent> Alerts,
    [property: Id(9)] ShipmentPlan? Plan)
{
    /// <summary>Where the delivery stands against the plan's promised time; null without a promise.</summary>
    [Id(10)] public PromiseStatus? Promise { get; init; }
}
