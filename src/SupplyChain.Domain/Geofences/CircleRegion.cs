using NetTopologySuite.Geometries;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// Every position within a radius of a centre, by great-circle distance in metres (no degree
/// buffer, so it stays round at any latitude).
/// </summary>
internal sealed class CircleRegion(GeoPoint centre, double radiusMeters) : FenceRegion
{
    public override Envelope Bounds { get; } =
        DegreeBounds.ExpandByMeters(new Envelope(centre.Lon, centre.Lon, centre.Lat, centre.Lat), radiusMeters);

    public override bool Contains(GeoPoint point) => GreatCircle.DistanceMeters(centre, point) <= radiusMeters;

    public override double DistanceToBoundaryMeters(GeoPoint point) =>
        Math.Abs(GreatCircle.DistanceMeters(centre, point) - radiusMeters);

    public override bool Intersects(GeoPoint from, GeoPoint to) =>
        GreatCircleSegment.Project(from, to, centre).OffMeters <= radiusMeters;

    public override (double Enter, double Exit)? CrossingFractions(GeoPoint from, GeoPoint to)
    {
        var foot = GreatCircleSegment.Project(from, to, centre);
        if (foot.OffMeters > radiusMeters)
        {
            return null;
        }

        var length = GreatCircle.DistanceMeters(from, to);
        if (length == 0)
        {
            return (0, 0);
        }

        // Half the chord the segment's line cuts from the circle (flat at this scale).
        var halfChord = Math.Sqrt(Math.Max(0, radiusMeters * radiusMeters - foot.OffMeters * foot.OffMeters));
        var along = foot.Fraction * length;
        return (Math.Clamp((along - halfChord) / length, 0, 1), Math.Clamp((along + halfChord) / length, 0, 1));
    }
}
