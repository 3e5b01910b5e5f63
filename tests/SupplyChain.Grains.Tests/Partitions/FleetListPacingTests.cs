using SupplyChain.Domain.Geodesy;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Grains.Partitions;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Partitions;

/// <summary>A vehicle's line moves in the fleet list on a change worth showing or at a bounded pace, and the list ends at its latest fix.</summary>
public sealed class FleetListPacingTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    [Fact]
    public void FirstLine_ListedAtOnce()
    {
        var pacing = new FleetListPacing(Refresh);

        Assert.True(pacing.Offer(Line("truck-1", 0, moving: true), T0));
        Assert.Equal(0, pacing.Held);
    }

    [Fact]
    public void SameMotion_WithinRefresh_Held_AfterIt_Listed()
    {
        var pacing = new FleetListPacing(Refresh);
        pacing.Offer(Line("truck-1", 0, moving: true), T0);

        Assert.False(pacing.Offer(Line("truck-1", 1, moving: true), T0.AddSeconds(1.9)));
        Assert.Equal(1, pacing.Held);
        Assert.True(pacing.Offer(Line("truck-1", 2, moving: true), T0.Add(Refresh).AddSeconds(0.1)));
        Assert.Equal(0, pacing.Held);
    }

    [Fact]
    public void StopBeginsOrEnds_ListedAtOnce()
    {
        var pacing = new FleetListPacing(Refresh);
        pacing.Offer(Line("truck-1", 0, moving: true), T0);

        Assert.True(pacing.Offer(Line("truck-1", 1, moving: false), T0.AddMilliseconds(10)));
        Assert.True(pacing.Offer(Line("truck-1", 2, moving: true), T0.AddMilliseconds(20)));
    }

    [Fact]
    public void Held_TheNewestOnly_DueOnceTheRefreshIsOver()
    {
        var pacing = new FleetListPacing(Refresh);
        pacing.Offer(Line("truck-1", 0, moving: true), T0);
        pacing.Offer(Line("truck-2", 0, moving: true), T0.AddSeconds(1));
        pacing.Offer(Line("truck-1", 1, moving: true), T0.AddSeconds(0.5));
        var newest = Line("truck-1", 2, moving: true);
        pacing.Offer(newest, T0.AddSeconds(1));
        pacing.Offer(Line("truck-2", 1, moving: true), T0.AddSeconds(1.5));

        Assert.Empty(pacing.Due(T0.AddSeconds(1.9)));
        Assert.Equal([newest.ToSummary()], pacing.Due(T0.Add(Refresh)).Select(l => l.ToSummary()));
        Assert.Equal(1, pacing.Held);
        Assert.Equal(["truck-2"], pacing.Due(T0.AddSeconds(3)).Select(l => l.VehicleId));
        Assert.Equal(0, pacing.Held);
    }

    [Fact]
    public void ListedWhenDue_StartsTheNextRefresh()
    {
        var pacing = new FleetListPacing(Refresh);
        pacing.Offer(Line("truck-1", 0, moving: true), T0);
        pacing.Offer(Line("truck-1", 1, moving: true), T0.AddSeconds(1));
        pacing.Due(T0.AddSeconds(2.5));

        Assert.False(pacing.Offer(Line("truck-1", 2, moving: true), T0.AddSeconds(4)));
        Assert.True(pacing.Offer(Line("truck-1", 3, moving: true), T0.AddSeconds(4.5)));
    }

    [Fact]
    public void ListedAgainWhileHeld_ItsEarlierWaitPassedOver_TheNextOneCounts()
    {
        var pacing = new FleetListPacing(Refresh);
        pacing.Offer(Line("truck-1", 0, moving: true), T0);
        pacing.Offer(Line("truck-1", 1, moving: true), T0.AddSeconds(1));
        // A stop begins: listed at once, the line held before it dropped.
        Assert.True(pacing.Offer(Line("truck-1", 2, moving: false), T0.AddSeconds(1.5)));
        var held = Line("truck-1", 3, moving: false);
        Assert.False(pacing.Offer(held, T0.AddSeconds(2.5)));

        Assert.Empty(pacing.Due(T0.AddSeconds(3)));
        Assert.Equal([held.ToSummary()], pacing.Due(T0.AddSeconds(3.5)).Select(l => l.ToSummary()));
        Assert.Equal(0, pacing.Held);
    }

    [Fact]
    public void HeldInAnotherOrderThanListed_EachDueWhenItsOwnRefreshEnds()
    {
        var pacing = new FleetListPacing(Refresh);
        pacing.Offer(Line("truck-1", 0, moving: true), T0);
        pacing.Offer(Line("truck-2", 0, moving: true), T0.AddSeconds(1));
        pacing.Offer(Line("truck-2", 1, moving: true), T0.AddSeconds(1.2));
        pacing.Offer(Line("truck-1", 1, moving: true), T0.AddSeconds(1.9));

        Assert.Equal(["truck-1"], pacing.Due(T0.Add(Refresh)).Select(l => l.VehicleId));
        Assert.Equal(["truck-2"], pacing.Due(T0.AddSeconds(3)).Select(l => l.VehicleId));
    }

    [Fact]
    public void ManyHeld_DueInTheOrderTheirRefreshEnds_NoneTwice()
    {
        var pacing = new FleetListPacing(Refresh);
        var vehicles = Enumerable.Range(0, 500).Select(i => $"truck-{i}").ToList();
        for (var i = 0; i < vehicles.Count; i++)
        {
            pacing.Offer(Line(vehicles[i], 0, moving: true), T0.AddMilliseconds(i));
        }

        foreach (var vehicle in Enumerable.Reverse(vehicles))
        {
            pacing.Offer(Line(vehicle, 1, moving: true), T0.AddSeconds(1));
        }

        var first = pacing.Due(T0.Add(Refresh).AddMilliseconds(249)).Select(l => l.VehicleId).ToList();
        var rest = pacing.Due(T0.AddSeconds(5)).Select(l => l.VehicleId).ToList();

        Assert.Equal(vehicles[..250], first);
        Assert.Equal(vehicles[250..], rest);
        Assert.Equal(0, pacing.Held);
        Assert.Empty(pacing.Due(T0.AddSeconds(10)));
    }

    private static FleetLine Line(string vehicleId, int seconds, bool moving) =>
        new(vehicleId, new VehicleSummary(vehicleId, new PositionAt(new GeoPoint(51.9 + seconds * 0.001, 4.5), T0.AddSeconds(seconds)), 50, 90, moving));
}
