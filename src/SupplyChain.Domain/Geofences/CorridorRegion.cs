using NetTopologySuite.Densify;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// Every position within half the width of a line, measured in metres in the corridor's local
/// metric plane (see <see cref="LocalProjection"/> for the error bound).
/// </summary>
internal sealed class CorridorRegion : FenceRegion
{
    // Fine enough that the bounds miss no curvature of the plane's straight edges in degrees.
    private const double DensifyMeters = 1_000;

    private readonly LocalProjection _plane;
    private readonly Geometry _line;
    private readonly double _halfWidth;
    private readonly IndexedFacetDistance _distance;
    private readonly Lazy<Geometry> _area;

    public CorridorRegion(Geometry unwrappedLine, double widthMeters)
    {
        var centre = unwrappedLine.EnvelopeInternal.Centre;
        _plane = new LocalProjection(new GeoPoint(centre.Y, Longitude.Normalize(centre.X)));
        _line = _plane.Project(unwrappedLine);
        _halfWidth = widthMeters / 2;
        _distance = new IndexedFacetDistance(_line);
        _area = new Lazy<Geometry>(() => _line.Buffer(_halfWidth));
        Bounds = DegreeBounds.ExpandByMeters(DegreeEnvelope(centre.X), _halfWidth);
    }

    public override Envelope Bounds { get; }

    public override bool Contains(GeoPoint point) =>
        _distance.Distance(Factory.CreatePoint(_plane.Project(point))) <= _halfWidth;

    public override double DistanceToBoundaryMeters(GeoPoint point) =>
        Math.Abs(_distance.Distance(Factory.CreatePoint(_plane.Project(point))) - _halfWidth);

    public override bool Intersects(GeoPoint from, GeoPoint to) =>
        _distance.Distance(Segment(from, to).ToGeometry(Factory)) <= _halfWidth;

    public override (double Enter, double Exit)? CrossingFractions(GeoPoint from, GeoPoint to) =>
        DegreeBounds.CrossingFractions(Segment(from, to), _area.Value);

    private LineSegment Segment(GeoPoint from, GeoPoint to) => new(_plane.Project(from), _plane.Project(to));

    private Envelope DegreeEnvelope(double centreLon)
    {
        var envelope = new Envelope();
        foreach (var c in Densifier.Densify(_line, DensifyMeters).Coordinates)
        {
            var p = _plane.Unproject(c);
            envelope.ExpandToInclude(Longitude.UnwrapNear(p.Lon, centreLon), p.Lat);
        }

        return envelope;
    }
}
