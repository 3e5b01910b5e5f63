using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// An accepted fix as a vehicle holds it for shipments bound later (<see cref="FixHistory"/>): what
/// its <see cref="VehicleFix"/> needs, with the ping's cause as 16 bytes rather than its source and id
/// strings, and the alerts it raised that name the shipments on board. Laid out to be small and to
/// point at no object of its own, as every active vehicle holds a ring of them (72 bytes: the time as
/// UTC ticks and offset minutes, an unknown speed or heading as NaN rather than a nullable's flag and
/// padding); the values read back are exactly those given, the time's offset included.
/// </summary>
internal readonly struct HeldFix
{
    private readonly double _lat;
    private readonly double _lon;
    private readonly long _utcTicks;
    private readonly double _speedKmh;
    private readonly double _headingDeg;
    private readonly EventCause _cause;
    private readonly short _offsetMinutes;

    public HeldFix(GeoPoint position, DateTimeOffset at, double? speedKmh, double? headingDeg, bool moving, EventCause cause, IReadOnlyList<OutboundEvent>? alerts)
    {
        _lat = position.Lat;
        _lon = position.Lon;
        _utcTicks = at.UtcTicks;
        _offsetMinutes = (short)at.TotalOffsetMinutes;
        _speedKmh = speedKmh ?? double.NaN;
        _headingDeg = headingDeg ?? double.NaN;
        Moving = moving;
        _cause = cause;
        Alerts = alerts;
    }

    public GeoPoint Position => new(_lat, _lon);

    /// <summary>The fix's event time, with the offset it was given in.</summary>
    public DateTimeOffset At => new DateTimeOffset(_utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(_offsetMinutes));

    public double? SpeedKmh => double.IsNaN(_speedKmh) ? null : _speedKmh;

    public double? HeadingDeg => double.IsNaN(_headingDeg) ? null : _headingDeg;

    public bool Moving { get; }

    public IReadOnlyList<OutboundEvent>? Alerts { get; }

    /// <summary>The fix as a shipment takes it.</summary>
    public VehicleFix ToFix(string vehicleId) =>
        new(vehicleId, Position, At, SpeedKmh, HeadingDeg, _cause.ToString(), Moving);
}
