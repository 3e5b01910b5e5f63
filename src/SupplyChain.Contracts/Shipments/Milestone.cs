using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Contracts.Shipments;

/// <summary>One scan in a shipment's history.</summary>
[GenerateSerializer, Immutable, Alias("sc.Milestone")]
public sealed record Milestone(
    [property: Id(0)] ScanType ScanType,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] GeoPoint? Location,
    [property: Id(3)] string? FacilityId,
    [property: Id(4)] string? VehicleId,
    [property: Id(5)] string? Note)
{
    /// <summary>Why the parcel is held up, for the scans that report a hold-up.</summary>
    [Id(6)]
    public ExceptionReason? Reason { get; init; }

    /// <summary>Who signed and where the evidence is, for a Delivered scan.</summary>
    [Id(7)]
    public ProofOfDelivery? Proof { get; init; }
}
