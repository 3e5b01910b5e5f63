using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Shipments;

/// <summary>What a scan did to a shipment (see <see cref="Shipment.ApplyScan"/>). Immutable.</summary>
/// <param name="Decision">What it did to the status.</param>
/// <param name="Where">Where the shipment was at the scan: the scan's position, else the latest known.</param>
public sealed record ScanApplied(StatusDecision Decision, GeoPoint? Where)
{
    /// <summary>Set when the scan, dated after the promised time of an undelivered shipment, broke the promise.</summary>
    public PromiseBroken? PromiseBroken { get; init; }

    /// <summary>True when the scan moved the status (a <c>ShipmentStatusChanged</c> is due).</summary>
    public bool StatusChanged => Decision.Changes;

    /// <summary>True when the scan delivered the shipment (a <c>Delivered</c> is due).</summary>
    public bool Delivered => Decision.Changes && Decision.Status == ShipmentStatus.Delivered;
}
