using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using SupplyChain.Domain.Geodesy;
using Xunit;

namespace SupplyChain.Domain.Tests.Geodesy;

public sealed class LocalProjectionTests
{
    private static double PlanarDistance(Coordinate a, Coordinate b) => a.Distance(b);

    [Theory]
    [InlineData(51.92, 4.48)]
    [InlineData(0, 0)]
    [InlineData(-33.9, 151.2)]
    [InlineData(70.0, 25.0)]
    [InlineData(-65.0, -179.9)]
    public void Project_PointsWithin50Km_DistanceErrorBelowOneThousandth(double lat, double lon)
    {
        var reference = new GeoPoint(lat, lon);
        var projection = new LocalProjection(reference);
        for (var i = 0; i < 36; i++)
        {
            var a = GreatCircle.Destination(reference, GreatCircle.DegreesToRadians(i * 10), 50_000);
            var b = GreatCircle.Destination(reference, GreatCircle.DegreesToRadians(i * 10 + 95), 20_000 + i * 800);
            var exact = GreatCircle.DistanceMeters(a, b);
            var planar = PlanarDistance(projection.Project(a), projection.Project(b));
            Assert.InRange(Math.Abs(planar - exact) / exact, 0, 0.001);
        }
    }

    [Fact]
    public void Project_PointsWithin500Km_ErrorWithinDocumentedBound()
    {
        var reference = new GeoPoint(45, 10);
        var projection = new LocalProjection(reference);
        var a = GreatCircle.Destination(reference, 0, 500_000);
        var b = GreatCircle.Destination(reference, Math.PI / 2, 500_000);
        var exact = GreatCircle.DistanceMeters(a, b);
        var planar = PlanarDistance(projection.Project(a), projection.Project(b));

        // Documented: never short, at most c/sin c long.
        var c = 500_000 / GreatCircle.EarthRadiusMeters;
        Assert.InRange(planar / exact, 1 - 1e-9, c / Math.Sin(c) + 1e-9);
        Assert.True(planar / exact - 1 < 0.001);
    }

    [Fact]
    public void Project_DistanceFromReference_IsExact()
    {
        var reference = new GeoPoint(10, 20);
        var projection = new LocalProjection(reference);
        var far = new GeoPoint(15, 28);
        var planar = projection.Project(far);
        Assert.Equal(GreatCircle.DistanceMeters(reference, far), Math.Sqrt(planar.X * planar.X + planar.Y * planar.Y), 6);
    }

    [Fact]
    public void Project_LineCrossingAntimeridian_StaysShortAndContinuous()
    {
        var projection = new LocalProjection(new GeoPoint(-16.5, 180));
        var line = (LineString)new WKTReader().Read("LINESTRING (179.9 -16.5, -179.9 -16.5)");
        var metres = projection.Project(line);

        var expected = GreatCircle.DistanceMeters(new GeoPoint(-16.5, 179.9), new GeoPoint(-16.5, -179.9));
        Assert.InRange(expected, 21_000, 22_000);
        Assert.Equal(expected, metres.Length, expected * 1e-4);
        Assert.True(metres.Coordinates[0].X < 0 && metres.Coordinates[1].X > 0, "west end left of east end");
    }

    [Fact]
    public void Project_PointAt70North_EastWestScaleMatchesParallel()
    {
        var reference = new GeoPoint(70, 25);
        var projection = new LocalProjection(reference);
        var east = projection.Project(new GeoPoint(70, 25.1));

        // 0.1° of longitude at 70°N is about 3.8 km, not the 11 km it is at the equator.
        var exact = GreatCircle.DistanceMeters(reference, new GeoPoint(70, 25.1));
        Assert.InRange(exact, 3_700, 3_900);
        Assert.Equal(exact, Math.Sqrt(east.X * east.X + east.Y * east.Y), 3);
        Assert.True(east.X > 3_700);
    }

    [Theory]
    [InlineData(70, 25, 1_000, 2_000)]
    [InlineData(-16.5, 179.99, 5_000, -3_000)]
    [InlineData(89.5, 0, 20_000, 20_000)]
    public void Unproject_RoundTrip_ReturnsSamePosition(double lat, double lon, double x, double y)
    {
        var projection = new LocalProjection(new GeoPoint(lat, lon));
        var point = projection.Unproject(new Coordinate(x, y));
        var back = projection.Project(point);
        Assert.Equal(x, back.X, 6);
        Assert.Equal(y, back.Y, 6);
        Assert.True(point.IsValid);
    }

    [Fact]
    public void Project_PolygonWithHole_ProjectsEveryRing()
    {
        var projection = new LocalProjection(new GeoPoint(0.5, 0.5));
        var polygon = (Polygon)projection.Project(new WKTReader().Read(
            "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.4 0.4, 0.6 0.4, 0.6 0.6, 0.4 0.6, 0.4 0.4))"));

        Assert.InRange(polygon.Shell.EnvelopeInternal.Width, 110_000, 112_000);
        Assert.InRange(polygon.Holes[0].EnvelopeInternal.Width, 22_000, 22_500);
    }
}
