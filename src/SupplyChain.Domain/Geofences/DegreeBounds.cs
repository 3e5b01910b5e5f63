using NetTopologySuite.Geometries;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// Envelopes in degrees whose longitudes may run past ±180 (unwrapped), and their pieces inside
/// [-180, 180] for an index keyed by plain longitudes. Thread safe: pure functions.
/// </summary>
internal static class DegreeBounds
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>A copy of <paramref name="lonLat"/> with each longitude moved within 180° of the one before it.</summary>
    public static Geometry Unwrap(Geometry lonLat)
    {
        var copy = lonLat.Copy();
        var first = lonLat.Coordinate?.X ?? 0;
        copy.Apply(new UnwrappingFilter(first));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>
    /// Grows <paramref name="envelope"/> by at least <paramref name="meters"/> in every direction.
    /// Longitude grows by the metres measured on the envelope's most poleward parallel, where a
    /// degree is shortest, so the result is never too small; near a pole it spans all longitudes.
    /// </summary>
    public static Envelope ExpandByMeters(Envelope envelope, double meters)
    {
        var dLat = GreatCircle.RadiansToDegrees(meters / GreatCircle.EarthRadiusMeters);
        var minLat = envelope.MinY - dLat;
        var maxLat = envelope.MaxY + dLat;
        var poleward = Math.Max(Math.Abs(minLat), Math.Abs(maxLat));
        if (poleward >= 89.999)
        {
            return new Envelope(-180, 180, Math.Max(minLat, -90), Math.Min(maxLat, 90));
        }

        var parallelRadius = GreatCircle.EarthRadiusMeters * Math.Cos(GreatCircle.DegreesToRadians(poleward));
        var dLon = GreatCircle.RadiansToDegrees(meters / parallelRadius);
        if (dLon >= 180)
        {
            return new Envelope(-180, 180, minLat, maxLat);
        }

        return new Envelope(envelope.MinX - dLon, envelope.MaxX + dLon, minLat, maxLat);
    }

    /// <summary>One or two envelopes within longitude [-180, 180] that together cover <paramref name="unwrapped"/>.</summary>
    public static IReadOnlyList<Envelope> Split(Envelope unwrapped)
    {
        if (unwrapped.Width >= 360)
        {
            return [new Envelope(-180, 180, unwrapped.MinY, unwrapped.MaxY)];
        }

        var shift = 360 * Math.Floor((unwrapped.MinX + 180) / 360);
        var minX = unwrapped.MinX - shift;
        var maxX = unwrapped.MaxX - shift;
        if (maxX <= 180)
        {
            return [new Envelope(minX, maxX, unwrapped.MinY, unwrapped.MaxY)];
        }

        return
        [
            new Envelope(minX, 180, unwrapped.MinY, unwrapped.MaxY),
            new Envelope(-180, maxX - 360, unwrapped.MinY, unwrapped.MaxY),
        ];
    }

    /// <summary>
    /// Where along <paramref name="segment"/> (as fractions in [0, 1]) the part inside
    /// <paramref name="area"/> begins and ends; null when the segment misses it.
    /// </summary>
    public static (double Enter, double Exit)? CrossingFractions(LineSegment segment, Geometry area)
    {
        var line = segment.ToGeometry(Factory);
        var inside = area.Intersection(line);
        if (inside.IsEmpty)
        {
            return null;
        }

        if (segment.Length == 0)
        {
            return (0, 0);
        }

        double enter = 1, exit = 0;
        foreach (var c in inside.Coordinates)
        {
            var f = Math.Clamp(segment.ProjectionFactor(c), 0, 1);
            enter = Math.Min(enter, f);
            exit = Math.Max(exit, f);
        }

        return (enter, exit);
    }

    private sealed class UnwrappingFilter(double first) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            var previous = first;
            for (var i = 0; i < seq.Count; i++)
            {
                previous = Longitude.UnwrapNear(seq.GetX(i), previous);
                seq.SetX(i, previous);
            }
        }
    }
}
