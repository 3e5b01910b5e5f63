namespace SupplyChain.Domain.Geodesy;

/// <summary>
/// Distances on a sphere of the mean Earth radius (haversine). Against the WGS 84 ellipsoid the
/// error is at most about 0.5 %, which is far below GPS noise at the distances the rules use.
/// Thread safe: pure functions.
/// </summary>
public static class GreatCircle
{
    /// <summary>Mean Earth radius in metres (IUGG).</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Haversine distance in metres; correct across the antimeridian and at the poles.</summary>
    public static double DistanceMeters(GeoPoint a, GeoPoint b)
    {
        var lat1 = DegreesToRadians(a.Lat);
        var lat2 = DegreesToRadians(b.Lat);
        var dLat = lat2 - lat1;
        var dLon = DegreesToRadians(b.Lon - a.Lon);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Degrees to radians.</summary>
    public static double DegreesToRadians(double degrees) => degrees * Math.PI / 180.0;

    /// <summary>Radians to degrees.</summary>
    public static double RadiansToDegrees(double radians) => radians * 180.0 / Math.PI;

    /// <summary>Central angle between two points in radians (haversine, stable at short range).</summary>
    public static double CentralAngle(GeoPoint a, GeoPoint b) => DistanceMeters(a, b) / EarthRadiusMeters;

    /// <summary>
    /// Initial bearing from <paramref name="from"/> towards <paramref name="to"/> in radians,
    /// clockwise from north, in (-π, π]. Zero when the points coincide.
    /// </summary>
    public static double InitialBearing(GeoPoint from, GeoPoint to)
    {
        var lat1 = DegreesToRadians(from.Lat);
        var lat2 = DegreesToRadians(to.Lat);
        var dLon = DegreesToRadians(to.Lon - from.Lon);
        var y = Math.Sin(dLon) * Math.Cos(lat2);
        var x = Math.Cos(lat1) * Math.Sin(lat2) - Math.Sin(lat1) * Math.Cos(lat2) * Math.Cos(dLon);
        return Math.Atan2(y, x);
    }

    /// <summary>
    /// The point <paramref name="distanceMeters"/> from <paramref name="start"/> along the initial
    /// bearing <paramref name="bearingRadians"/>; longitude normalized to [-180, 180).
    /// </summary>
    public static GeoPoint Destination(GeoPoint start, double bearingRadians, double distanceMeters)
    {
        var delta = distanceMeters / EarthRadiusMeters;
        var lat1 = DegreesToRadians(start.Lat);
        var lat2 = Math.Asin(Math.Clamp(
            Math.Sin(lat1) * Math.Cos(delta) + Math.Cos(lat1) * Math.Sin(delta) * Math.Cos(bearingRadians), -1, 1));
        var dLon = Math.Atan2(
            Math.Sin(bearingRadians) * Math.Sin(delta) * Math.Cos(lat1),
            Math.Cos(delta) - Math.Sin(lat1) * Math.Sin(lat2));
        return new GeoPoint(RadiansToDegrees(lat2), Longitude.Normalize(start.Lon + RadiansToDegrees(dLon)));
    }
}
