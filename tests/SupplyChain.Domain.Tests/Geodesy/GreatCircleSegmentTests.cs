using SupplyChain.Domain.Geodesy;
using Xunit;

namespace SupplyChain.Domain.Tests.Geodesy;

public sealed class GreatCircleSegmentTests
{
    [Fact]
    public void Project_PointBesideEquatorSegment_GivesAlongAndOff()
    {
        var start = new GeoPoint(0, 0);
        var end = new GeoPoint(0, 1);
        var point = new GeoPoint(0.01, 0.5);

        var result = GreatCircleSegment.Project(start, end, point);

        Assert.Equal(GreatCircle.DistanceMeters(start, new GeoPoint(0, 0.5)), result.AlongMeters, 0.5);
        Assert.Equal(GreatCircle.DistanceMeters(new GeoPoint(0, 0.5), point), result.OffMeters, 0.5);
        Assert.Equal(0.5, result.Fraction, 4);
    }

    [Fact]
    public void Project_BeforeStart_ClampsToStart()
    {
        var result = GreatCircleSegment.Project(new GeoPoint(0, 0), new GeoPoint(0, 1), new GeoPoint(0, -0.1));
        Assert.Equal(0, result.AlongMeters);
        Assert.True(result.Fraction < 0);
        Assert.Equal(GreatCircle.DistanceMeters(new GeoPoint(0, 0), new GeoPoint(0, -0.1)), result.OffMeters, 3);
    }

    [Fact]
    public void Project_AcrossAntimeridian_MeasuresTheShortWay()
    {
        var start = new GeoPoint(-16.5, 179.5);
        var end = new GeoPoint(-16.5, -179.5);
        var result = GreatCircleSegment.Project(start, end, new GeoPoint(-16.5, 180));

        var length = GreatCircle.DistanceMeters(start, end);
        Assert.InRange(length, 100_000, 110_000);
        Assert.Equal(length / 2, result.AlongMeters, length * 1e-3);
        Assert.InRange(result.OffMeters, 0, 200);
    }
}
