using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Shipments;

/// <summary>One scan of a parcel as its rules see it, with the facility and note it carried. Immutable.</summary>
/// <param name="ScanType">What the scan says happened.</param>
/// <param name="At">Its event time.</param>
/// <param name="Location">Where it was scanned, when the scanner said.</param>
/// <param name="FacilityId">The facility it was scanned at, if any.</param>
/// <param name="VehicleId">The vehicle it was loaded on or unloaded from, if any.</param>
/// <param name="Note">The carrier's note, if any.</param>
public sealed record ShipmentScan(
    ScanType ScanType, DateTimeOffset At, GeoPoint? Location, string? FacilityId, string? VehicleId, string? Note)
{
    /// <summary>Why the parcel is held up (Exception, DeliveryAttempted, ReturnedToSender scans), if the carrier said.</summary>
    public ExceptionReason? Reason { get; init; }

    /// <summary>Proof of delivery (Delivered scans), if the carrier gave one.</summary>
    public ProofOfDelivery? Proof { get; init; }
}
