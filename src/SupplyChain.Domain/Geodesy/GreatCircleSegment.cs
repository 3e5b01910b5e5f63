namespace SupplyChain.Domain.Geodesy;

/// <summary>
/// Where a point lies relative to the great-circle segment from <c>Start</c> to <c>End</c>.
/// </summary>
/// <param name="AlongMeters">Distance from the start to the nearest point of the segment, in [0, length].</param>
/// <param name="OffMeters">Distance from the point to the nearest point of the segment (≥ 0).</param>
/// <param name="Fraction">
/// Unclamped position of the foot of the perpendicular: below 0 before the start, above 1 past the end.
/// </param>
public readonly record struct SegmentProjection(double AlongMeters, double OffMeters, double Fraction);

/// <summary>
/// Along-track and cross-track distances on the sphere, exact for any segment length and across
/// the antimeridian (no planar approximation). Thread safe: pure functions.
/// </summary>
public static class GreatCircleSegment
{
    /// <summary>Projects <paramref name="point"/> onto the segment <paramref name="start"/>–<paramref name="end"/>.</summary>
    public static SegmentProjection Project(GeoPoint start, GeoPoint end, GeoPoint point)
    {
        var length = GreatCircle.DistanceMeters(start, end);
        var toPoint = GreatCircle.CentralAngle(start, point);
        if (length == 0)
        {
            return new SegmentProjection(0, toPoint * GreatCircle.EarthRadiusMeters, 0);
        }

        var angle = GreatCircle.InitialBearing(start, point) - GreatCircle.InitialBearing(start, end);
        var crossTrack = Math.Asin(Math.Clamp(Math.Sin(toPoint) * Math.Sin(angle), -1, 1));

        // tan(along) = tan(toPoint)·cos(angle) in the right spherical triangle; atan2 keeps it
        // precise at metre scale where acos(cos a / cos b) would lose half the digits.
        var along = Math.Atan2(Math.Sin(toPoint) * Math.Cos(angle), Math.Cos(toPoint))
            * GreatCircle.EarthRadiusMeters;
        var fraction = along / length;
        if (fraction <= 0)
        {
            return new SegmentProjection(0, toPoint * GreatCircle.EarthRadiusMeters, fraction);
        }

        if (fraction >= 1)
        {
            return new SegmentProjection(length, GreatCircle.DistanceMeters(end, point), fraction);
        }

        return new SegmentProjection(along, Math.Abs(crossTrack) * GreatCircle.EarthRadiusMeters, fraction);
    }
}
