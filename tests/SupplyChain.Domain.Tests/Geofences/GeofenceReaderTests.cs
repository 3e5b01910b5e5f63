using System.Text.Json;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using Xunit;
using static SupplyChain.Domain.Tests.Geofences.Fences;

namespace SupplyChain.Domain.Tests.Geofences;

public sealed class GeofenceReaderTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[4.0,51.0],[4.1,51.0],[4.1,51.1],[4.0,51.1],[4.0,51.0]]]}""";

    [Fact]
    public void Read_PolygonFeature_ParsesIdKindAndShape()
    {
        var fence = Read(Feature(Square, """{"kind":"Depot","name":"RTM yard"}"""));

        Assert.Equal("f1", fence.Id);
        Assert.Equal(GeofenceKind.Depot, fence.Kind);
        Assert.Equal(GeofenceShape.Polygon, fence.Shape);
        Assert.True(fence.Contains(new GeoPoint(51.05, 4.05)));
        Assert.False(fence.Contains(new GeoPoint(51.05, 4.15)));
    }

    [Fact]
    public void Read_PolygonWithHole_HoleIsOutside()
    {
        var fence = Read(Feature(
            """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.4,0.4],[0.6,0.4],[0.6,0.6],[0.4,0.6],[0.4,0.4]]]}""",
            """{"kind":"Zone"}"""));

        Assert.True(fence.Contains(new GeoPoint(0.2, 0.2)));
        Assert.False(fence.Contains(new GeoPoint(0.5, 0.5)));
        Assert.Equal(GreatCircle.DistanceMeters(new GeoPoint(0.5, 0.5), new GeoPoint(0.5, 0.4)),
            fence.DistanceToBoundaryMeters(new GeoPoint(0.5, 0.5)), tolerance: 20);
    }

    [Fact]
    public void Read_MultiPolygon_ContainsEitherPart()
    {
        var fence = Read(Feature(
            """{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,3],[2,2]]]]}""",
            """{"kind":"Zone"}"""));

        Assert.True(fence.Contains(new GeoPoint(0.5, 0.5)));
        Assert.True(fence.Contains(new GeoPoint(2.5, 2.5)));
        Assert.False(fence.Contains(new GeoPoint(1.5, 1.5)));
    }

    [Fact]
    public void Read_CircleAt60North_ContainsByMetresNotDegrees()
    {
        var centre = new GeoPoint(60.17, 24.94);
        var fence = Circle("c", centre.Lat, centre.Lon, 500);

        // East-west a degree is half as long here; a degree buffer would be an ellipse.
        Assert.True(fence.Contains(GreatCircle.Destination(centre, Math.PI / 2, 490)));
        Assert.False(fence.Contains(GreatCircle.Destination(centre, Math.PI / 2, 510)));
        Assert.True(fence.Contains(GreatCircle.Destination(centre, 0, 490)));
        Assert.False(fence.Contains(GreatCircle.Destination(centre, 0, 510)));
    }

    [Fact]
    public void Read_Corridor_ContainsWithinHalfOfTotalWidth()
    {
        var fence = Read(Feature("""{"type":"LineString","coordinates":[[5.0,52.0],[5.2,52.0]]}""", """{"kind":"Zone","widthM":200}"""));
        var onLine = new GeoPoint(52.0, 5.1);

        Assert.Equal(GeofenceShape.Corridor, fence.Shape);
        Assert.True(fence.Contains(GreatCircle.Destination(onLine, 0, 95)));
        Assert.False(fence.Contains(GreatCircle.Destination(onLine, 0, 105)));
        Assert.True(fence.Contains(GreatCircle.Destination(onLine, Math.PI, 95)));
    }

    [Fact]
    public void Read_PolygonAcrossAntimeridian_ContainsBothSides()
    {
        var fence = Read(Feature(
            """{"type":"Polygon","coordinates":[[[179.9,-17.0],[-179.9,-17.0],[-179.9,-16.0],[179.9,-16.0],[179.9,-17.0]]]}""",
            """{"kind":"Zone"}"""));

        Assert.True(fence.Contains(new GeoPoint(-16.5, 179.95)));
        Assert.True(fence.Contains(new GeoPoint(-16.5, -179.95)));
        Assert.True(fence.Contains(new GeoPoint(-16.5, 180)));
        Assert.False(fence.Contains(new GeoPoint(-16.5, 179.8)));
        Assert.False(fence.Contains(new GeoPoint(-16.5, 0)));
    }

    [Fact]
    public void Read_FeatureIdAbsent_UsesGivenId()
    {
        var result = GeofenceReader.Read(Feature(Square, """{"kind":"Zone"}""", id: null), id: "from-path");
        Assert.True(result.Succeeded);
        Assert.Equal("from-path", result.Geofence.Id);
    }

    [Fact]
    public void Write_ThenRead_KeepsGeometryAndProperties()
    {
        var fence = Read(Feature(Square, """{"kind":"Restricted","name":"Quay 7","tags":["a","b"]}"""));

        var json = GeofenceWriter.ToJson(fence);
        var again = Read(json);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("Feature", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal("f1", doc.RootElement.GetProperty("id").GetString());
        Assert.Equal("Quay 7", doc.RootElement.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("properties").GetProperty("tags").GetArrayLength());
        Assert.Equal(GeofenceKind.Restricted, again.Kind);
        Assert.True(fence.Geometry.EqualsExact(again.Geometry));
    }

    [Fact]
    public void Write_Circle_KeepsRadius()
    {
        var json = GeofenceWriter.ToJson(Circle("c", 10, 20, 250));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("Point", doc.RootElement.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(250, doc.RootElement.GetProperty("properties").GetProperty("radiusM").GetDouble());
    }

    public static TheoryData<string, GeofenceErrorCode, string> InvalidFeatures => new()
    {
        { "{\"type\":", GeofenceErrorCode.InvalidJson, "not valid JSON" },
        { """{"type":"FeatureCollection","features":[]}""", GeofenceErrorCode.InvalidJson, "Feature" },
        { Feature(Square, """{"kind":"Zone"}""", id: null), GeofenceErrorCode.MissingId, "id" },
        { Feature(Square, """{"name":"x"}"""), GeofenceErrorCode.MissingKind, "kind" },
        { Feature(Square, "null"), GeofenceErrorCode.MissingKind, "kind" },
        { Feature(Square, """{"kind":"Warehouse"}"""), GeofenceErrorCode.UnknownKind, "Warehouse" },
        { Feature(Square, """{"kind":"1"}"""), GeofenceErrorCode.UnknownKind, "Depot, Restricted, Zone" },
        { Feature("null", """{"kind":"Zone"}"""), GeofenceErrorCode.InvalidGeometry, "no geometry" },
        { Feature("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}""", """{"kind":"Zone"}"""), GeofenceErrorCode.InvalidGeometry, "malformed" },
        { Feature("""{"type":"Polygon","coordinates":"nope"}""", """{"kind":"Zone"}"""), GeofenceErrorCode.InvalidGeometry, "malformed" },
        { Feature("""{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}""", """{"kind":"Zone"}"""), GeofenceErrorCode.UnsupportedGeometry, "MultiPoint" },
        { Feature("""{"type":"GeometryCollection","geometries":[]}""", """{"kind":"Zone"}"""), GeofenceErrorCode.UnsupportedGeometry, "GeometryCollection" },
        { Feature("""{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}""", """{"kind":"Zone"}"""), GeofenceErrorCode.SelfIntersection, "intersects itself" },
        { Feature("""{"type":"Point","coordinates":[4,51]}""", """{"kind":"Zone"}"""), GeofenceErrorCode.InvalidRadius, "radiusM" },
        { Feature("""{"type":"Point","coordinates":[4,51]}""", """{"kind":"Zone","radiusM":0}"""), GeofenceErrorCode.InvalidRadius, "radiusM" },
        { Feature("""{"type":"Point","coordinates":[4,51]}""", """{"kind":"Zone","radiusM":-5}"""), GeofenceErrorCode.InvalidRadius, "radiusM" },
        { Feature("""{"type":"Point","coordinates":[4,51]}""", """{"kind":"Zone","radiusM":"100"}"""), GeofenceErrorCode.InvalidRadius, "radiusM" },
        { Feature("""{"type":"LineString","coordinates":[[4,51],[4.1,51]]}""", """{"kind":"Zone"}"""), GeofenceErrorCode.InvalidWidth, "widthM" },
        { Feature("""{"type":"LineString","coordinates":[[4,51],[4.1,51]]}""", """{"kind":"Zone","widthM":-1}"""), GeofenceErrorCode.InvalidWidth, "widthM" },
        { Feature("""{"type":"LineString","coordinates":[[4,51],[4,51]]}""", """{"kind":"Zone","widthM":10}"""), GeofenceErrorCode.InvalidGeometry, "distinct" },
        { Feature("""{"type":"Point","coordinates":[4,95]}""", """{"kind":"Zone","radiusM":10}"""), GeofenceErrorCode.CoordinatesOutOfRange, "[4, 95]" },
        { Feature("""{"type":"Polygon","coordinates":[[[0,0],[181,0],[181,1],[0,1],[0,0]]]}""", """{"kind":"Zone"}"""), GeofenceErrorCode.CoordinatesOutOfRange, "181" },
    };

    [Theory]
    [MemberData(nameof(InvalidFeatures))]
    public void Read_InvalidFeature_FailsWithReason(string json, GeofenceErrorCode code, string reasonContains)
    {
        var result = GeofenceReader.Read(json);

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.Error.Code);
        Assert.Contains(reasonContains, result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreVerticesThanAllowed_FailsWithCount()
    {
        var result = GeofenceReader.Read(Feature(Square, """{"kind":"Zone"}"""), maxVertices: 4);

        Assert.False(result.Succeeded);
        Assert.Equal(GeofenceErrorCode.TooManyVertices, result.Error.Code);
        Assert.Contains("5 vertices", result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCollection_TwoFences_FeatureCollectionOfBoth()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            GeofenceWriter.WriteCollection(writer, [Circle("a", 1, 1, 10), Read(Feature(Square, """{"kind":"Zone"}""", "b"))]);
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(["a", "b"], doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    [Fact]
    public void Create_LinearRingGeometry_Unsupported()
    {
        var ring = new NetTopologySuite.Geometries.GeometryFactory().CreateLinearRing([new(0, 0), new(1, 0), new(1, 1), new(0, 0)]);

        var result = Geofence.Create("r", GeofenceKind.Zone, ring);

        Assert.Equal(GeofenceErrorCode.UnsupportedGeometry, result.Error?.Code);
    }
}
