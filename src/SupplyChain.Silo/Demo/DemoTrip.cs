using System.Globalization;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Silo.Demo;

/// <summary>
/// A scripted demo trip: where one truck is at each moment of it (driving legs at a set speed, standing
/// still between them), the scans its shipment gets on the way, and the shipment's plan. Times are
/// offsets from the trip's start; <see cref="DemoTripRun"/> dates them. Immutable; built with
/// <see cref="From"/>.
/// </summary>
internal sealed class DemoTrip
{
    /// <summary>
    /// A trip is replayed once per slot of this length, in the event time just before the slot's start:
    /// long enough that the truck could drive back to its origin between two replays (the vehicle's
    /// plausible-speed filter judges that jump on event time too).
    /// </summary>
    public static readonly TimeSpan SlotLength = TimeSpan.FromHours(3);

    private readonly IReadOnlyList<Leg> _legs;

    private DemoTrip(string code, string vehicleId, IReadOnlyList<Leg> legs, IReadOnlyList<DemoTripScan> scans, TimeSpan duration,
        IReadOnlyList<GeoPoint> route, IReadOnlyList<PlanStop> stops, DemoPlace destination, TimeSpan promisedAfter)
    {
        Code = code;
        VehicleId = vehicleId;
        _legs = legs;
        Scans = scans;
        Duration = duration;
        Route = route;
        Stops = stops;
        Destination = destination;
        PromisedAfter = promisedAfter;
    }

    public string Code { get; }

    public string VehicleId { get; }

    /// <summary>The shipment's scans in time order.</summary>
    public IReadOnlyList<DemoTripScan> Scans { get; }

    public TimeSpan Duration { get; }

    /// <summary>The planned route, origin first: the legs driven, less any detour.</summary>
    public IReadOnlyList<GeoPoint> Route { get; }

    public IReadOnlyList<PlanStop> Stops { get; }

    public DemoPlace Destination { get; }

    /// <summary>How long after the trip's start the delivery is promised.</summary>
    public TimeSpan PromisedAfter { get; }

    /// <summary>Starts a trip's script at <paramref name="origin"/>, a facility.</summary>
    public static Builder From(string code, string vehicleId, DemoPlace origin) => new(code, vehicleId, origin);

    /// <summary>The start of the slot <paramref name="now"/> is in: the trip replayed then ends there.</summary>
    public static DateTimeOffset SlotOf(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % SlotLength.Ticks, TimeSpan.Zero);

    /// <summary>The shipment of the replay that ends at <paramref name="slot"/>: one per slot, so a restart within it writes the same one.</summary>
    public string TrackingNumber(DateTimeOffset slot) =>
        string.Create(CultureInfo.InvariantCulture, $"DEMO-{Code}-{slot:yyMMddHH}");

    /// <summary>The plan of a replay starting at <paramref name="start"/>.</summary>
    public ShipmentPlan Plan(DateTimeOffset start) =>
        new("DEMO", Route[0], Destination.Location, Destination.RadiusM, start + PromisedAfter, Route, CorridorWidthM: 1_000)
        {
            Stops = Stops,
            DestinationFacilityId = Destination.Id,
        };

    /// <summary>The truck's position, speed and heading (degrees from north) <paramref name="offset"/> into the trip.</summary>
    public (GeoPoint Position, double SpeedKmh, double HeadingDeg) At(TimeSpan offset)
    {
        var leg = _legs.LastOrDefault(l => l.Start <= offset);
        if (leg is null)
        {
            return (Route[0], 0, 0);
        }

        var bearing = GreatCircle.InitialBearing(leg.From, leg.To);
        var heading = (GreatCircle.RadiansToDegrees(bearing) + 360) % 360;
        if (offset >= leg.Start + leg.Duration)
        {
            return (leg.To, 0, heading);
        }

        var fraction = (offset - leg.Start) / leg.Duration;
        var position = GreatCircle.Destination(leg.From, bearing, fraction * GreatCircle.DistanceMeters(leg.From, leg.To));
        return (position, leg.SpeedKmh, heading);
    }

    private sealed record Leg(TimeSpan Start, TimeSpan Duration, GeoPoint From, GeoPoint To, double SpeedKmh);

    /// <summary>Writes a trip in the order it happens: scans where the truck is, stays, drives.</summary>
    internal sealed class Builder
    {
        // Scans a few seconds apart, in the order given, so their event times order them.
        private static readonly TimeSpan ScanSpacing = TimeSpan.FromSeconds(15);

        private readonly string _code;
        private readonly string _vehicleId;
        private readonly List<Leg> _legs = [];
        private readonly List<DemoTripScan> _scans = [];
        private readonly List<GeoPoint> _route = [];
        private readonly List<PlanStop> _stops = [];
        private TimeSpan _at;
        private GeoPoint _position;
        private DemoPlace? _place;

        internal Builder(string code, string vehicleId, DemoPlace origin)
        {
            _code = code;
            _vehicleId = vehicleId;
            _position = origin.Location;
            _place = origin;
            _route.Add(origin.Location);
        }

        /// <summary>A scan of the shipment here and now (the facility's id when the truck is at one).</summary>
        public Builder Scan(ScanType type, string? note = null, ExceptionReason? reason = null, ProofOfDelivery? proof = null)
        {
            _scans.Add(new DemoTripScan(_at, type, _position, _place?.Id, type == ScanType.LabelCreated ? null : _vehicleId, note)
            {
                Reason = reason,
                Proof = proof,
            });
            _at += ScanSpacing;
            return this;
        }

        /// <summary>The truck stands still here for <paramref name="duration"/>.</summary>
        public Builder Stay(TimeSpan duration)
        {
            _at += duration;
            return this;
        }

        /// <summary>The plan expects a stop of <paramref name="dwell"/> at the facility the truck is at.</summary>
        public Builder PlannedStop(TimeSpan dwell)
        {
            var place = _place ?? throw new InvalidOperationException("A planned stop is at a facility.");
            _stops.Add(new PlanStop(place.Id, place.Location, dwell));
            return this;
        }

        /// <summary>Drives along the planned route to a facility.</summary>
        public Builder DriveTo(DemoPlace place, double speedKmh)
        {
            Drive(place.Location, speedKmh, onRoute: true);
            _place = place;
            return this;
        }

        /// <summary>Drives along the planned route to a point on it.</summary>
        public Builder DriveTo(GeoPoint point, double speedKmh) => Drive(point, speedKmh, onRoute: true);

        /// <summary>Drives off the planned route, to <paramref name="point"/>.</summary>
        public Builder DetourTo(GeoPoint point, double speedKmh) => Drive(point, speedKmh, onRoute: false);

        /// <summary>The trip, its delivery promised <paramref name="promisedAfter"/> after its start, ending at the facility the truck is at.</summary>
        public DemoTrip PromisedAfter(TimeSpan promisedAfter)
        {
            var destination = _place ?? throw new InvalidOperationException("A trip ends at a facility.");
            return new DemoTrip(_code, _vehicleId, [.. _legs], [.. _scans], _at, [.. _route], [.. _stops], destination, promisedAfter);
        }

        private Builder Drive(GeoPoint to, double speedKmh, bool onRoute)
        {
            var duration = TimeSpan.FromSeconds(Math.Ceiling(GreatCircle.DistanceMeters(_position, to) / (speedKmh / 3.6)));
            _legs.Add(new Leg(_at, duration, _position, to, speedKmh));
            _at += duration;
            _position = to;
            _place = null;
            if (onRoute)
            {
                _route.Add(to);
            }

            return this;
        }
    }
}
