using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// A named area with a meaning (<see cref="GeofenceKind"/>): a polygon, a circle or a corridor.
/// Made only through <see cref="Create"/> or <see cref="GeofenceReader"/>, which validate it.
/// Immutable and thread safe.
/// </summary>
/// <remarks>
/// Circles and corridors are tested by distance in metres. Polygons follow GeoJSON: edges are
/// straight in longitude/latitude; a polygon may cross the antimeridian (no edge may span more
/// than 180° of longitude) but may not enclose a pole. Boundary distances are in metres.
/// </remarks>
public sealed class Geofence
{
    private readonly FenceRegion _region;

    private Geofence(string id, GeofenceKind kind, GeofenceShape shape, Geometry geometry, double? radiusM,
        double? widthM, JsonElement properties, FenceRegion region)
    {
        Id = id;
        Kind = kind;
        Shape = shape;
        Geometry = geometry;
        RadiusM = radiusM;
        WidthM = widthM;
        Properties = properties;
        _region = region;
    }

    /// <summary>The fence's id (the API path segment).</summary>
    public string Id { get; }

    /// <summary>What the fence means to the rules.</summary>
    public GeofenceKind Kind { get; }

    /// <summary>Polygon, circle or corridor.</summary>
    public GeofenceShape Shape { get; }

    /// <summary>The geometry as given (X = longitude, Y = latitude, degrees). Do not mutate it.</summary>
    public Geometry Geometry { get; }

    /// <summary>Radius in metres of a <see cref="GeofenceShape.Circle"/>; otherwise null.</summary>
    public double? RadiusM { get; }

    /// <summary>Total width in metres of a <see cref="GeofenceShape.Corridor"/>; otherwise null.</summary>
    public double? WidthM { get; }

    /// <summary>The Feature's <c>properties</c> object as received, written back unchanged.</summary>
    public JsonElement Properties { get; }

    /// <summary>
    /// Degrees; longitudes may run past ±180 for a fence across the antimeridian. Covers every
    /// position the fence contains (circles and corridors are grown by their radius or half width).
    /// </summary>
    public Envelope Bounds => _region.Bounds;

    /// <summary>True when <paramref name="point"/> is inside or on the boundary.</summary>
    public bool Contains(GeoPoint point) => _region.Contains(point);

    /// <summary>Metres from <paramref name="point"/> to the fence's boundary (inside or outside).</summary>
    public double DistanceToBoundaryMeters(GeoPoint point) => _region.DistanceToBoundaryMeters(point);

    /// <summary>True when the straight path between two positions touches the fence.</summary>
    public bool Intersects(GeoPoint from, GeoPoint to) => _region.Intersects(from, to);

    /// <summary>
    /// Fractions (0 at <paramref name="from"/>, 1 at <paramref name="to"/>) of the path where it
    /// first enters and last leaves the fence; null when it misses the fence.
    /// </summary>
    public (double Enter, double Exit)? CrossingFractions(GeoPoint from, GeoPoint to) =>
        _region.CrossingFractions(from, to);

    /// <summary>
    /// Validates and builds a fence. <paramref name="geometry"/> is lon/lat: a Polygon or
    /// MultiPolygon; a Point with <paramref name="radiusM"/>; or a LineString with
    /// <paramref name="widthM"/>. <paramref name="properties"/> defaults to one holding the kind and
    /// the radius or width. Never throws for bad input: the result says why.
    /// </summary>
    public static GeofenceParseResult Create(string id, GeofenceKind kind, Geometry? geometry, double? radiusM = null,
        double? widthM = null, int maxVertices = TrackingOptions.DefaultMaxGeofenceVertices, JsonElement? properties = null)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.MissingId, "The geofence needs an id.");
        }

        if (geometry is null || geometry.IsEmpty)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidGeometry, "The geometry is missing or empty.");
        }

        if (geometry.NumPoints > maxVertices)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.TooManyVertices, string.Create(CultureInfo.InvariantCulture,
                $"The geometry has {geometry.NumPoints} vertices; at most {maxVertices} are allowed."));
        }

        foreach (var c in geometry.Coordinates)
        {
            if (!new GeoPoint(c.Y, c.X).IsValid)
            {
                return GeofenceParseResult.Fail(GeofenceErrorCode.CoordinatesOutOfRange, string.Create(CultureInfo.InvariantCulture,
                    $"Position [{c.X}, {c.Y}] is out of range: longitude must be in [-180, 180] and latitude in [-90, 90]."));
            }
        }

        return geometry switch
        {
            Polygon or MultiPolygon => CreatePolygon(id, kind, geometry, properties),
            Point point => CreateCircle(id, kind, point, radiusM, properties),
            LineString line when line is not LinearRing => CreateCorridor(id, kind, line, widthM, properties),
            _ => GeofenceParseResult.Fail(GeofenceErrorCode.UnsupportedGeometry,
                $"Geometry type {geometry.GeometryType} is not supported; use Polygon, MultiPolygon, Point (with radiusM) or LineString (with widthM)."),
        };
    }

    private static GeofenceParseResult CreatePolygon(string id, GeofenceKind kind, Geometry geometry, JsonElement? properties)
    {
        var unwrapped = DegreeBounds.Unwrap(geometry);
        var error = new IsValidOp(unwrapped).ValidationError;
        if (error is not null)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"[{Longitude.Normalize(error.Coordinate.X)}, {error.Coordinate.Y}]");
            return error.ErrorType is TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection
                ? GeofenceParseResult.Fail(GeofenceErrorCode.SelfIntersection, $"The polygon intersects itself at {at}.")
                : GeofenceParseResult.Fail(GeofenceErrorCode.InvalidGeometry, $"The polygon is invalid ({Describe(error.ErrorType)}) at {at}.");
        }

        var props = properties ?? DefaultProperties(kind, null, null);
        return GeofenceParseResult.Ok(new Geofence(id, kind, GeofenceShape.Polygon, geometry, null, null, props,
            new PolygonRegion(unwrapped)));
    }

    /// <summary>
    /// Our own words for NetTopologySuite's validation errors: its <c>Message</c> property throws
    /// for some error types (its message table is shorter than its enum in 2.6).
    /// </summary>
    internal static string Describe(TopologyValidationErrors error) => error switch
    {
        TopologyValidationErrors.HoleOutsideShell => "a hole lies outside its shell",
        TopologyValidationErrors.NestedHoles => "holes are nested",
        TopologyValidationErrors.DisconnectedInteriors => "the interior is disconnected",
        TopologyValidationErrors.NestedShells => "polygons are nested",
        TopologyValidationErrors.DuplicateRings => "rings are duplicated",
        TopologyValidationErrors.TooFewPoints => "a ring has too few points",
        TopologyValidationErrors.InvalidCoordinate => "a coordinate is not a number",
        TopologyValidationErrors.RingNotClosed => "a ring is not closed",
        _ => "topology error " + error,
    };

    private static GeofenceParseResult CreateCircle(string id, GeofenceKind kind, Point point, double? radiusM, JsonElement? properties)
    {
        if (radiusM is not { } radius || !(radius > 0) || !double.IsFinite(radius))
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidRadius,
                "A Point geofence needs properties.radiusM, a number of metres greater than 0.");
        }

        var props = properties ?? DefaultProperties(kind, radius, null);
        return GeofenceParseResult.Ok(new Geofence(id, kind, GeofenceShape.Circle, point, radius, null, props,
            new CircleRegion(new GeoPoint(point.Y, point.X), radius)));
    }

    private static GeofenceParseResult CreateCorridor(string id, GeofenceKind kind, LineString line, double? widthM, JsonElement? properties)
    {
        if (widthM is not { } width || !(width > 0) || !double.IsFinite(width))
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidWidth,
                "A LineString geofence needs properties.widthM, its total width in metres, greater than 0.");
        }

        var unwrapped = DegreeBounds.Unwrap(line);
        if (unwrapped.Length == 0)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidGeometry, "The LineString needs at least two distinct positions.");
        }

        var props = properties ?? DefaultProperties(kind, null, width);
        return GeofenceParseResult.Ok(new Geofence(id, kind, GeofenceShape.Corridor, line, null, width, props,
            new CorridorRegion(unwrapped, width)));
    }

    private static JsonElement DefaultProperties(GeofenceKind kind, double? radiusM, double? widthM)
    {
        var values = new Dictionary<string, object> { ["kind"] = kind.ToString() };
        if (radiusM is { } radius)
        {
            values["radiusM"] = radius;
        }

        if (widthM is { } width)
        {
            values["widthM"] = width;
        }

        return JsonSerializer.SerializeToElement(values);
    }
}
