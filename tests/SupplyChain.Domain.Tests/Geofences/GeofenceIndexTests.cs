using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using Xunit;
using static SupplyChain.Domain.Tests.Geofences.Fences;

namespace SupplyChain.Domain.Tests.Geofences;

public sealed class GeofenceIndexTests
{
    [Fact]
    public void Containing_OneHundredThousandFences_FindsExactlyTheRightOnes()
    {
        // A 400 x 250 grid, 0.01° apart: small boxes and circles alternately, 100,000 in all.
        var fences = new List<Geofence>(100_000);
        for (var i = 0; i < 400; i++)
        {
            for (var j = 0; j < 250; j++)
            {
                var lon = 4 + i * 0.01;
                var lat = 50 + j * 0.01;
                var id = $"g{i}-{j}";
                var result = (i + j) % 2 == 0
                    ? Geofence.Create(id, GeofenceKind.Zone, Box(lon, lat, lon + 0.004, lat + 0.004))
                    : Geofence.Create(id, GeofenceKind.Zone, new NetTopologySuite.Geometries.Point(lon + 0.002, lat + 0.002), radiusM: 100);
                fences.Add(result.Geofence!);
            }
        }

        var index = new GeofenceIndex(fences);

        Assert.Equal(100_000, index.Count);
        Assert.Equal(["g123-45"], index.Containing(new GeoPoint(50.452, 5.232)).Select(f => f.Id));
        Assert.Equal(["g124-45"], index.Containing(new GeoPoint(50.452, 5.242)).Select(f => f.Id));
        Assert.Empty(index.Containing(new GeoPoint(50.457, 5.237)));
        Assert.Empty(index.Containing(new GeoPoint(0, 0)));
        Assert.Equal(["g10-10", "g11-10"], index.Crossing(new GeoPoint(50.102, 4.101), new GeoPoint(50.102, 4.113)).Select(f => f.Id).Order());
    }

    [Fact]
    public void Containing_OverlappingFences_ReturnsAll()
    {
        var index = new GeofenceIndex([
            Fences.Box("outer", 4.0, 51.0, 4.2, 51.2), Fences.Box("inner", 4.05, 51.05, 4.1, 51.1), Circle("ring", 51.07, 4.07, 300),
        ]);

        Assert.Equal(["inner", "outer", "ring"], index.Containing(new GeoPoint(51.07, 4.07)).Select(f => f.Id).Order());
        Assert.Equal(["outer"], index.Containing(new GeoPoint(51.15, 4.15)).Select(f => f.Id));
    }

    [Fact]
    public void Containing_CircleAt70North_FoundAtItsEastEdge()
    {
        var centre = new GeoPoint(70, 25);
        var index = new GeofenceIndex([Circle("north", centre.Lat, centre.Lon, 5_000)]);

        // 4.9 km east is 0.13° of longitude here; an envelope grown by 5 km of equator degrees (0.045°) would miss it.
        Assert.Single(index.Containing(GreatCircle.Destination(centre, Math.PI / 2, 4_900)));
        Assert.Empty(index.Containing(GreatCircle.Destination(centre, Math.PI / 2, 5_100)));
    }

    [Fact]
    public void Containing_FencesAcrossAntimeridian_FoundFromBothSides()
    {
        var index = new GeofenceIndex([
            Circle("fiji", -16.5, 179.99, 3_000),
            Read(Feature(
                """{"type":"Polygon","coordinates":[[[179.9,-18.0],[-179.9,-18.0],[-179.9,-17.5],[179.9,-17.5],[179.9,-18.0]]]}""",
                """{"kind":"Zone"}""", "strip")),
        ]);

        Assert.Single(index.Containing(new GeoPoint(-16.5, -179.995)));
        Assert.Single(index.Containing(new GeoPoint(-16.5, 179.985)));
        Assert.Equal(["strip"], index.Containing(new GeoPoint(-17.7, -179.95)).Select(f => f.Id));
        Assert.Equal(["strip"], index.Containing(new GeoPoint(-17.7, 179.95)).Select(f => f.Id));
        Assert.Equal(["strip"], index.Containing(new GeoPoint(-17.7, -180)).Select(f => f.Id));
        Assert.Equal(["strip"], index.Crossing(new GeoPoint(-17.7, 179.8), new GeoPoint(-17.7, -179.8)).Select(f => f.Id));
    }

    [Fact]
    public void Crossing_SparsePingsEitherSideOfSmallFence_FindsIt()
    {
        var index = new GeofenceIndex([Circle("small", 52.0, 5.0, 80), Fences.Box("elsewhere", 6, 53, 6.1, 53.1)]);
        var west = new GeoPoint(52.0005, 4.97);
        var east = new GeoPoint(51.9995, 5.03);

        Assert.Empty(index.Containing(west));
        Assert.Empty(index.Containing(east));
        Assert.Equal(["small"], index.Crossing(west, east).Select(f => f.Id));
        Assert.Empty(index.Crossing(new GeoPoint(52.01, 4.97), new GeoPoint(52.01, 5.03)));
    }

    [Fact]
    public void Constructor_SameIdTwice_KeepsTheLater()
    {
        var index = new GeofenceIndex([Circle("a", 0, 0, 100), Circle("a", 10, 10, 100)]);

        Assert.Equal(1, index.Count);
        Assert.True(index.TryGet("a", out var fence));
        Assert.True(fence.Contains(new GeoPoint(10, 10)));
    }

    private static NetTopologySuite.Geometries.Polygon Box(double minLon, double minLat, double maxLon, double maxLat) =>
        new NetTopologySuite.Geometries.GeometryFactory().CreatePolygon([
            new(minLon, minLat), new(maxLon, minLat), new(maxLon, maxLat), new(minLon, maxLat), new(minLon, minLat),
        ]);
}
