using Microsoft.Extensions.Time.Testing;
using SupplyChain.Replay.Replaying;

namespace SupplyChain.Replay.Tests.Replaying;

public sealed class PaceTests
{
    [Fact]
    public void EventsMayNotRunAheadOfTheRate()
    {
        var time = new FakeTimeProvider();
        var pace = new Pace(1_000, time);

        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(500));
        Assert.Equal(TimeSpan.FromMilliseconds(500), pace.WaitBefore(500));
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.FromMilliseconds(500), pace.WaitBefore(500));
    }

    [Fact]
    public void ASlowSpell_IsCaughtUpWithoutWaiting_ButNeverPastTheAverage()
    {
        var time = new FakeTimeProvider();
        var pace = new Pace(100, time);
        pace.WaitBefore(100);
        time.Advance(TimeSpan.FromSeconds(10));

        // 100 sent in 10 s at 100/s: 900 more are due, and no more.
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(900));
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(10));
        Assert.Equal(TimeSpan.FromSeconds(0.1), pace.WaitBefore(10));
    }
}
