using System.Globalization;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Testing;

namespace SupplyChain.Scenarios;

/// <summary>One step of a trip: a ping or a scan at an event time.</summary>
public abstract record TripStep(DateTimeOffset At);

/// <summary>A GPS ping of the truck.</summary>
public sealed record TripPing(DateTimeOffset At, GeoPoint Position, double SpeedKmh) : TripStep(At);

/// <summary>A scan of the shipment.</summary>
public sealed record TripScan(DateTimeOffset At, string ScanType, string? VehicleId) : TripStep(At);

/// <summary>
/// A truck trip from Rotterdam to Duisburg along a planned route, in event time one ping a minute
/// at 80 km/h, with the situations the tracking rules exist for: a detour out of the route
/// corridor, a pass through a restricted zone (between two sparse pings), a 15-minute stop outside
/// any depot, a 20-minute stop inside a depot, arrival in the destination zone, and delivery.
/// Deterministic: the same trip every time.
/// </summary>
public sealed class TruckTrip
{
    public const double CorridorWidthM = 1000;
    public const double DestinationRadiusM = 300;
    public const string RestrictedId = "restricted-nijmegen";
    public const string DepotId = "depot-emmerich";

    /// <summary>How long the truck stands outside any depot, 65 % of the way.</summary>
    public const int RoadsideStopMinutes = 16;

    /// <summary>How long the truck stands in the depot, 80 % of the way.</summary>
    public const int DepotStopMinutes = 20;

    private const double SpeedKmh = 80;
    private static readonly TimeSpan PingEvery = TimeSpan.FromMinutes(1);

    public TruckTrip(string trackingNumber, string vehicleId, DateTimeOffset start)
    {
        TrackingNumber = trackingNumber;
        VehicleId = vehicleId;
        Start = start;
        Route =
        [
            new(51.9225, 4.4792), new(51.8900, 4.9000), new(51.8500, 5.3000), new(51.8400, 5.8600),
            new(51.8300, 6.2500), new(51.6500, 6.5500), new(51.4300, 6.7600),
        ];
        Restricted = At(0.50);
        Depot = At(0.80);
        Build();
    }

    public string TrackingNumber { get; }

    public string VehicleId { get; }

    public DateTimeOffset Start { get; }

    public IReadOnlyList<GeoPoint> Route { get; }

    public GeoPoint Origin => Route[0];

    public GeoPoint Destination => Route[^1];

    /// <summary>Centre of the restricted zone (a 400 m circle on the route).</summary>
    public GeoPoint Restricted { get; }

    /// <summary>Centre of the depot (a 400 m circle on the route).</summary>
    public GeoPoint Depot { get; }

    /// <summary>Where the truck stands outside any depot (the ping before 65 % of the way).</summary>
    public GeoPoint RoadsideStop { get; private set; }

    public List<TripStep> Steps { get; } = [];

    /// <summary>Event time of the last ping, inside the destination zone.</summary>
    public DateTimeOffset ArrivedAt { get; private set; }

    /// <summary>Event time of the ping at which the truck had covered half the route.</summary>
    public DateTimeOffset HalfwayAt { get; private set; }

    /// <summary>Event time of the ping at which the truck had covered 90 % of the route.</summary>
    public DateTimeOffset NinetyPercentAt { get; private set; }

    public double RouteLengthM => Enumerable.Range(1, Route.Count - 1).Sum(i => Route[i - 1].DistanceTo(Route[i]));

    public string RouteJson => "[" + string.Join(",", Route.Select(p => Invariant($"[{p.Lon},{p.Lat}]"))) + "]";

    public string RestrictedFeature => GeoJson.Circle(Restricted.Lat, Restricted.Lon, 400, "Restricted");

    public string DepotFeature => GeoJson.Circle(Depot.Lat, Depot.Lon, 400, "Depot");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private void Build()
    {
        var t = Start;
        Steps.Add(new TripScan(t.AddMinutes(-10), "PickedUp", null));
        Steps.Add(new TripScan(t.AddMinutes(-5), "LoadedOnVehicle", VehicleId));
        var length = RouteLengthM;
        var step = SpeedKmh * 1000 / 60;
        for (var along = 0.0; along < length; along += step)
        {
            var fraction = along / length;
            var position = At(fraction);
            // The detour: 25 % to 30 % of the way the truck runs 2.5 km beside its route.
            if (fraction is > 0.25 and < 0.30)
            {
                position = new GeoPoint(position.Lat + 0.0225, position.Lon);
            }

            Steps.Add(new TripPing(t, position, SpeedKmh));
            if (HalfwayAt == default && fraction >= 0.5)
            {
                HalfwayAt = t;
            }

            if (NinetyPercentAt == default && fraction >= 0.9)
            {
                NinetyPercentAt = t;
            }

            t += PingEvery;
            if (Previous(fraction, step, length, 0.65))
            {
                RoadsideStop = position;
                t = Stop(t, position, RoadsideStopMinutes);
            }

            if (Previous(fraction, step, length, 0.80))
            {
                t = Stop(t, Depot, DepotStopMinutes);
            }
        }

        Steps.Add(new TripPing(t, Destination, 5));
        ArrivedAt = t;
        Steps.Add(new TripScan(t.AddMinutes(2), "Delivered", null));
    }

    /// <summary>True on the ping that is the last before <paramref name="mark"/> of the way.</summary>
    private static bool Previous(double fraction, double step, double length, double mark) =>
        fraction < mark && fraction + step / length >= mark;

    /// <summary>A stop of <paramref name="minutes"/> with a few metres of GPS jitter.</summary>
    private DateTimeOffset Stop(DateTimeOffset t, GeoPoint where, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            var jitter = (i % 3 - 1) * 0.00008;
            Steps.Add(new TripPing(t, new GeoPoint(where.Lat + jitter, where.Lon - jitter), 0));
            t += PingEvery;
        }

        return t;
    }

    /// <summary>The point <paramref name="fraction"/> of the way along the route.</summary>
    public GeoPoint At(double fraction)
    {
        var target = fraction * RouteLengthM;
        for (var i = 1; i < Route.Count; i++)
        {
            var segment = Route[i - 1].DistanceTo(Route[i]);
            if (target <= segment)
            {
                var f = target / segment;
                return new GeoPoint(Route[i - 1].Lat + (Route[i].Lat - Route[i - 1].Lat) * f, Route[i - 1].Lon + (Route[i].Lon - Route[i - 1].Lon) * f);
            }

            target -= segment;
        }

        return Route[^1];
    }
}
