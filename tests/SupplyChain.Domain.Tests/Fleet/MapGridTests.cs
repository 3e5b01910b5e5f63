using SupplyChain.Domain.Fleet;
using Xunit;

namespace SupplyChain.Domain.Tests.Fleet;

/// <summary>The box, the projection and the cluster level the fleet map is read through.</summary>
public sealed class MapGridTests
{
    [Theory]
    [InlineData(-10, 36, 30, 60)]
    [InlineData(-180, -90, 180, 90)]
    [InlineData(4.3, 51.85, 4.30001, 51.85001)]
    public void Problem_AProperBox_None(double west, double south, double east, double north) =>
        Assert.Null(MapBox.Problem(west, south, east, north));

    [Theory]
    [InlineData(30, 36, -10, 60, "West")]
    [InlineData(-10, 60, 30, 36, "South")]
    [InlineData(4, 50, 4, 51, "West")]
    [InlineData(-181, 36, 30, 60, "Longitudes")]
    [InlineData(-10, 36, 180.5, 60, "Longitudes")]
    [InlineData(-10, -91, 30, 60, "Latitudes")]
    [InlineData(-10, 36, 30, 90.1, "Latitudes")]
    [InlineData(double.NaN, 36, 30, 60, "finite")]
    [InlineData(-10, 36, double.PositiveInfinity, 60, "finite")]
    public void Problem_ABadBox_Named(double west, double south, double east, double north, string expected) =>
        Assert.Contains(expected, MapBox.Problem(west, south, east, north), StringComparison.Ordinal);

    [Fact]
    public void WebMercator_Edges_MapToTheUnitSquare()
    {
        Assert.Equal(0, WebMercator.X(-180));
        Assert.Equal(1, WebMercator.X(180));
        Assert.Equal(0.5, WebMercator.X(0));
        Assert.Equal(0.5, WebMercator.Y(0), 12);
        Assert.Equal(0, WebMercator.Y(WebMercator.MaxLatitude), 9);
        Assert.Equal(0, WebMercator.Y(90));
        Assert.Equal(1, WebMercator.Y(-90));
        Assert.True(WebMercator.Y(52) < WebMercator.Y(51));
    }

    [Fact]
    public void WebMercator_Cell_LikeMapTilesAndClampedAtTheEdges()
    {
        // Rotterdam is in tile 8/131/84 of the web maps.
        Assert.Equal(131, WebMercator.Cell(WebMercator.X(4.48), 8));
        Assert.Equal(84, WebMercator.Cell(WebMercator.Y(51.92), 8));
        Assert.Equal(255, WebMercator.Cell(1, 8));
        Assert.Equal(0, WebMercator.Cell(0, 0));
        Assert.Equal((1 << 24) - 1, WebMercator.Cell(1, WebMercator.MaxLevel));
    }

    [Fact]
    public void ClusterLevel_AViewport_CellsOfAQuarterTile()
    {
        // A 1280 × 800 viewport on Rotterdam at zoom 12: 5 × 3 tiles, so 20 × 13 cells of 64 px.
        var box = new MapBox(4.26, 51.84, 4.70, 52.00);

        Assert.Equal(14, ClusterLevel.For(box, 12));
        Assert.Equal(7, ClusterLevel.For(new MapBox(-10, 36, 30, 60), 5));
    }

    [Fact]
    public void ClusterLevel_ABoxFarLargerThanTheZoomShows_CoarserSoAtMost64CellsAcross()
    {
        Assert.Equal(6, ClusterLevel.For(MapBox.World, 12));
        Assert.Equal(6, ClusterLevel.For(MapBox.World, ClusterLevel.MaxZoom));
        Assert.Equal(2, ClusterLevel.For(MapBox.World, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterLevel.For(MapBox.World, ClusterLevel.MaxZoom + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterLevel.For(MapBox.World, -1));
    }

    [Fact]
    public void MergeAll_ClustersOfOneCell_AddUp()
    {
        var merged = FleetCluster.MergeAll([new(3, 4, 2, 1, 100, 8), new(1, 4, 1, 0, 50, 4), new(3, 4, 1, 1, 51, 5)]);

        Assert.Equal([new FleetCluster(1, 4, 1, 0, 50, 4), new FleetCluster(3, 4, 3, 2, 151, 13)], merged);
        Assert.Equal(151.0 / 3, merged[1].Lat);
    }
}
