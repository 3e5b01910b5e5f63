using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;
using Xunit;

namespace SupplyChain.Domain.Tests.Routes;

public sealed class RouteTests
{
    private static Route Wkt(string wkt) => Route.FromLineString((LineString)new WKTReader().Read(wkt));

    [Fact]
    public void Project_PositionBesideRoute_GivesAlongOffAndRemaining()
    {
        var route = Wkt("LINESTRING (4.0 52.0, 4.1 52.0, 4.1 52.1)");
        var first = GreatCircle.DistanceMeters(new GeoPoint(52.0, 4.0), new GeoPoint(52.0, 4.1));

        var result = route.Project(new GeoPoint(52.05, 4.102));

        Assert.Equal(RouteSection.Along, result.Section);
        Assert.Equal(first + GreatCircle.DistanceMeters(new GeoPoint(52.0, 4.1), new GeoPoint(52.05, 4.1)), result.DistanceAlongM, 1.0);
        Assert.Equal(GreatCircle.DistanceMeters(new GeoPoint(52.05, 4.1), new GeoPoint(52.05, 4.102)), result.DistanceOffM, 1.0);
        Assert.Equal(route.LengthMeters - result.DistanceAlongM, result.RemainingM, 6);
        Assert.InRange(GreatCircle.DistanceMeters(result.Nearest, new GeoPoint(52.05, 4.1)), 0, 1);
    }

    [Fact]
    public void Project_PositionBeforeStart_ZeroAlongAndDistanceToStart()
    {
        var route = Wkt("LINESTRING (4.0 52.0, 4.1 52.0)");
        var before = new GeoPoint(52.0, 3.98);

        var result = route.Project(before);

        Assert.Equal(RouteSection.BeforeStart, result.Section);
        Assert.Equal(0, result.DistanceAlongM);
        Assert.Equal(GreatCircle.DistanceMeters(before, route.Start), result.DistanceOffM, 6);
        Assert.Equal(route.LengthMeters, result.RemainingM, 6);
    }

    [Fact]
    public void Project_PositionAfterEnd_FullLengthAndDistanceToEnd()
    {
        var route = Wkt("LINESTRING (4.0 52.0, 4.1 52.0, 4.2 52.0)");
        var after = new GeoPoint(52.001, 4.25);

        var result = route.Project(after);

        Assert.Equal(RouteSection.AfterEnd, result.Section);
        Assert.Equal(route.LengthMeters, result.DistanceAlongM, 6);
        Assert.Equal(GreatCircle.DistanceMeters(after, route.End), result.DistanceOffM, 6);
        Assert.Equal(0, result.RemainingM);
    }

    [Fact]
    public void Project_RouteAcrossAntimeridian_MeasuresTheShortWay()
    {
        // Suva towards Samoa: crosses 180° once, about 1,150 km, not round the world.
        var route = Wkt("LINESTRING (178.44 -18.14, 179.9 -16.5, -179.9 -15.9, -171.76 -13.83)");

        Assert.InRange(route.LengthMeters, 1_000_000, 1_300_000);
        var onMeridian = route.Project(new GeoPoint(-16.2, 180));
        Assert.Equal(RouteSection.Along, onMeridian.Section);
        Assert.InRange(onMeridian.DistanceOffM, 0, 2_000);
        var toCrossing = GreatCircle.DistanceMeters(new GeoPoint(-18.14, 178.44), new GeoPoint(-16.5, 179.9));
        // (180, -16.2) is the middle of the 70 km segment that crosses the meridian.
        Assert.InRange(onMeridian.DistanceAlongM, toCrossing + 30_000, toCrossing + 40_000);
    }

    [Fact]
    public void Project_RouteAbove60North_OffDistanceInMetres()
    {
        // Along 69.6°N; 0.01° of latitude is 1,112 m whatever the longitude scale, less the 29 m by
        // which the 23 km great-circle segment bows poleward of the parallel at its middle.
        var route = Wkt("LINESTRING (18.9 69.6, 19.5 69.6, 20.1 69.6)");

        var result = route.Project(new GeoPoint(69.61, 19.2));

        Assert.Equal(RouteSection.Along, result.Section);
        Assert.InRange(result.DistanceOffM, 1_075, 1_095);
        Assert.InRange(route.LengthMeters, 45_000, 48_000);
    }

    [Theory]
    [InlineData("LINESTRING (4 52, 4 52)")]
    public void FromLineString_ZeroLength_Throws(string wkt) =>
        Assert.Throws<ArgumentException>(() => Wkt(wkt));

    [Fact]
    public void Constructor_OnePosition_Throws() =>
        Assert.Throws<ArgumentException>(() => new Route([new GeoPoint(52, 4)]));

    [Fact]
    public void Constructor_PositionOutOfRange_Throws() =>
        Assert.Throws<ArgumentException>(() => new Route([new GeoPoint(52, 4), new GeoPoint(95, 4)]));
}
