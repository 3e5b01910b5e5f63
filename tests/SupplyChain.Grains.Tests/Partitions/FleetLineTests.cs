using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Grains.Partitions;

namespace SupplyChain.Grains.Tests.Partitions;

/// <summary>A fleet list's line holds a summary's values and gives the same summary back.</summary>
public sealed class FleetLineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2));

    [Theory]
    [InlineData(62.5, 270.0, true)]
    [InlineData(null, null, false)]
    public void ToSummary_TheSummaryItWasMadeOf(double? speed, double? heading, bool moving)
    {
        var summary = new VehicleSummary("truck-1", new PositionAt(new GeoPoint(-33.9, 151.2), T0.ToOffset(TimeSpan.FromHours(-5))), speed, heading, moving);

        var line = new FleetLine("truck-1", summary);

        Assert.Equal(summary, line.ToSummary());
        Assert.Equal(TimeSpan.FromHours(-5), line.ToSummary().Location.At.Offset);
        Assert.Equal(summary.Location.At, line.At);
        Assert.Equal(summary.Location.Position, line.Position);
        Assert.Equal(moving, line.Moving);
    }

    [Fact]
    public void TheIdGiven_KeptRatherThanTheSummarys()
    {
        var held = "truck-1";
        var summary = new VehicleSummary(new string("truck-1".AsSpan()), new PositionAt(new GeoPoint(1, 2), T0), null, null, true);

        Assert.Same(held, new FleetLine(held, summary).VehicleId);
    }

    [Fact]
    public void AnotherVehiclesId_Refused()
    {
        var summary = new VehicleSummary("truck-1", new PositionAt(new GeoPoint(1, 2), T0), null, null, true);

        Assert.Throws<ArgumentException>(() => new FleetLine("truck-2", summary));
    }
}
