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
}
