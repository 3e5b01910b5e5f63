using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Contracts.Shipments;

/// <summary>A carrier's scan (<c>SupplyChain.ItemScanned</c>).</summary>
[GenerateSerializer, Immutable, Alias("sc.ScanReceived")]
public sealed record ScanReceived(
    string Source,
    string Id,
    DateTimeOffset Time,
    [property: Id(0)] string TrackingNumber,
    [property: Id(1)] ScanType ScanType,
    [property: Id(2)] GeoPoint? Location,
    [property: Id(3)] string? FacilityId,
    [property: Id(4)] string? VehicleId,
    [property: Id(5)] string? Note) : InboundEvent(Source, Id, Time)
{
    /// <summary>Why the parcel is held up: Exception, DeliveryAttempted and ReturnedToSender scans only.</summary>
    [Id(6)]
    public ExceptionReason? Reason { get; init; }

    /// <summary>Who signed and where the evidence is: Delivered scans only.</summary>
    [Id(7)]
    public ProofOfDelivery? Proof { get; init; }

    /// <inheritdoc />
    public override string Key => TrackingNumber;
}
