using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// An accepted fix as a vehicle holds it for shipments bound later (<see cref="FixHistory"/>): what
/// its <see cref="VehicleFix"/> needs, with the ping's source and id rather than the cause string made
/// of them, and the alerts it raised that name the shipments on board.
/// </summary>
internal readonly record struct HeldFix(
    GeoPoint Position, DateTimeOffset At, double? SpeedKmh, double? HeadingDeg, bool Moving, string Source, string Id,
    IReadOnlyList<OutboundEvent>? Alerts)
{
    /// <summary>The fix as a shipment takes it.</summary>
    public VehicleFix ToFix(string vehicleId) =>
        new(vehicleId, Position, At, SpeedKmh, HeadingDeg, OutboundEventId.CauseOf(Source, Id), Moving);
}
