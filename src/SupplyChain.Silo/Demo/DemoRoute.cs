using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Silo.Demo;

/// <summary>
/// A demo shipment's road: real city coordinates joined by great-circle legs, with the position
/// and heading at any distance along it. Immutable.
/// </summary>
internal sealed class DemoRoute
{
    private readonly double[] _startOfLeg;

    public DemoRoute(string code, string vehicleId, params (string Name, double Lat, double Lon)[] stops)
    {
        Code = code;
        VehicleId = vehicleId;
        Names = [.. stops.Select(s => s.Name)];
        Points = [.. stops.Select(s => new GeoPoint(s.Lat, s.Lon))];
        _startOfLeg = new double[Points.Count];
        for (var i = 1; i < Points.Count; i++)
        {
            _startOfLeg[i] = _startOfLeg[i - 1] + GreatCircle.DistanceMeters(Points[i - 1], Points[i]);
        }

        LengthM = _startOfLeg[^1];
    }

    /// <summary>The routes the demo drives: short hops between neighbouring cities, so a lap takes minutes.</summary>
    public static IReadOnlyList<DemoRoute> All { get; } =
    [
        new("RTM-HAG", "DEMO-TRUCK-1", ("Rotterdam", 51.9225, 4.4792), ("Delft", 52.0116, 4.3571), ("The Hague", 52.0705, 4.3007)),
        new("UTR-AMS", "DEMO-TRUCK-2", ("Utrecht", 52.0907, 5.1214), ("Breukelen", 52.1743, 5.0017), ("Amsterdam", 52.3676, 4.9041)),
        new("ANR-BRU", "DEMO-TRUCK-3", ("Antwerp", 51.2194, 4.4025), ("Mechelen", 51.0259, 4.4776), ("Brussels", 50.8503, 4.3517)),
        new("DUI-DOR", "DEMO-TRUCK-4", ("Duisburg", 51.4344, 6.7623), ("Essen", 51.4556, 7.0116), ("Bochum", 51.4818, 7.2162), ("Dortmund", 51.5136, 7.4653)),
    ];

    public string Code { get; }

    public string VehicleId { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<GeoPoint> Points { get; }

    public double LengthM { get; }

    /// <summary>The position and heading (degrees from north) <paramref name="distanceM"/> along the route, or back from its end.</summary>
    public (GeoPoint Position, double HeadingDeg) At(double distanceM, bool reverse)
    {
        var d = Math.Clamp(reverse ? LengthM - distanceM : distanceM, 0, LengthM);
        var leg = 1;
        while (leg < Points.Count - 1 && _startOfLeg[leg] < d)
        {
            leg++;
        }

        var (from, to) = (Points[leg - 1], Points[leg]);
        var bearing = GreatCircle.InitialBearing(from, to);
        var position = GreatCircle.Destination(from, bearing, d - _startOfLeg[leg - 1]);
        var heading = GreatCircle.RadiansToDegrees(reverse ? GreatCircle.InitialBearing(to, from) : bearing);
        return (position, (heading + 360) % 360);
    }
}
