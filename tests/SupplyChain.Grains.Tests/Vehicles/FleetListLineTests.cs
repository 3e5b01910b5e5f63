using SupplyChain.Grains.Vehicles;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>A vehicle's fleet-list line goes to its partition on a change worth showing or at a bounded rate, never per ping.</summary>
public sealed class FleetListLineTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    [Fact]
    public void FirstLine_Due()
    {
        Assert.True(new FleetListLine(Refresh).Due(T0, moving: true));
    }

    [Fact]
    public void SameMotion_WithinRefresh_NotDue_AfterIt_Due()
    {
        var line = new FleetListLine(Refresh);
        line.Sent(T0, moving: true);

        Assert.False(line.Due(T0.AddSeconds(1.9), moving: true));
        Assert.True(line.Due(T0.Add(Refresh), moving: true));
    }

    [Fact]
    public void StopBeginsOrEnds_DueAtOnce()
    {
        var line = new FleetListLine(Refresh);
        line.Sent(T0, moving: true);

        Assert.True(line.Due(T0.AddMilliseconds(10), moving: false));
        line.Sent(T0.AddMilliseconds(10), moving: false);
        Assert.True(line.Due(T0.AddMilliseconds(20), moving: true));
    }

    [Fact]
    public void HeldBack_DueAtTheEndOfTheRefresh_ClearedBySending()
    {
        var line = new FleetListLine(Refresh);
        line.Sent(T0, moving: true);

        line.HoldBack();

        Assert.True(line.Held);
        Assert.Equal(TimeSpan.FromSeconds(1.5), line.DueIn(T0.AddSeconds(0.5)));
        line.Sent(T0.Add(Refresh), moving: true);
        Assert.False(line.Held);
    }
}
