using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Silo.Demo;

/// <summary>One scan of a scripted trip, <see cref="At"/> into it.</summary>
internal sealed record DemoTripScan(TimeSpan At, ScanType Type, GeoPoint Location, string? FacilityId, string? VehicleId, string? Note)
{
    public ExceptionReason? Reason { get; init; }

    public ProofOfDelivery? Proof { get; init; }
}
