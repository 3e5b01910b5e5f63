using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Distance;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// A polygon or multipolygon. Containment follows GeoJSON (RFC 7946): edges are straight in
/// longitude/latitude, tested on the prepared geometry with longitudes unwrapped around the
/// fence so one crossing the antimeridian works. Boundary distances, which only feed the exit
/// hysteresis, are measured in the fence's local metric plane.
/// </summary>
internal sealed class PolygonRegion : FenceRegion
{
    private readonly Geometry _unwrapped;
    private readonly IPreparedGeometry _prepared;
    private readonly double _centreLon;
    private readonly LocalProjection _plane;
    private readonly Lazy<IndexedFacetDistance> _boundary;

    public PolygonRegion(Geometry unwrapped)
    {
        _unwrapped = unwrapped;
        _prepared = PreparedGeometryFactory.Prepare(unwrapped);
        var centre = unwrapped.EnvelopeInternal.Centre;
        _centreLon = centre.X;
        _plane = new LocalProjection(new GeoPoint(centre.Y, Longitude.Normalize(centre.X)));

        // Built on first exit check only: most fences never need it.
        _boundary = new Lazy<IndexedFacetDistance>(() => new IndexedFacetDistance(_plane.Project(unwrapped.Boundary)));
    }

    public override Envelope Bounds => _unwrapped.EnvelopeInternal;

    public override bool Contains(GeoPoint point) => _prepared.Covers(Factory.CreatePoint(Near(point)));

    public override double DistanceToBoundaryMeters(GeoPoint point) =>
        _boundary.Value.Distance(Factory.CreatePoint(_plane.Project(point)));

    public override bool Intersects(GeoPoint from, GeoPoint to) =>
        _prepared.Intersects(Segment(from, to).ToGeometry(Factory));

    public override (double Enter, double Exit)? CrossingFractions(GeoPoint from, GeoPoint to) =>
        DegreeBounds.CrossingFractions(Segment(from, to), _unwrapped);

    private Coordinate Near(GeoPoint point) => new(Longitude.UnwrapNear(point.Lon, _centreLon), point.Lat);

    private LineSegment Segment(GeoPoint from, GeoPoint to)
    {
        var start = Near(from);
        return new LineSegment(start, new Coordinate(Longitude.UnwrapNear(to.Lon, start.X), to.Lat));
    }
}
