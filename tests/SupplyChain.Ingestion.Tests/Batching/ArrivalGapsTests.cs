using SupplyChain.Ingestion.Batching;

namespace SupplyChain.Ingestion.Tests.Batching;

/// <summary>A message forming stops waiting once requests stop coming, and waits out the window while they keep coming.</summary>
public sealed class ArrivalGapsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void NoGapSeen_TheWholeWindow()
    {
        Assert.Equal(Window, new ArrivalGaps().QuietWithin(Window));
    }

    [Fact]
    public void SteadyGaps_QuietIsEightOfThem()
    {
        var gaps = new ArrivalGaps();
        for (var i = 0; i < 50; i++)
        {
            gaps.Observe(TimeSpan.FromMilliseconds(2));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(16), gaps.QuietWithin(Window));
    }

    [Fact]
    public void RateFalls_QuietFollows()
    {
        var gaps = new ArrivalGaps();
        gaps.Observe(TimeSpan.FromMilliseconds(2));
        for (var i = 0; i < 50; i++)
        {
            gaps.Observe(TimeSpan.FromMilliseconds(20));
        }

        Assert.InRange(gaps.QuietWithin(Window), TimeSpan.FromMilliseconds(159), TimeSpan.FromMilliseconds(160));
    }

    [Fact]
    public void Bounded_ByTheWindow_AndATwentiethOfIt()
    {
        var sparse = new ArrivalGaps();
        sparse.Observe(TimeSpan.FromSeconds(10));
        var burst = new ArrivalGaps();
        burst.Observe(TimeSpan.Zero);

        Assert.Equal(Window, sparse.QuietWithin(Window));
        Assert.Equal(Window / ArrivalGaps.LeastQuietPerWindow, burst.QuietWithin(Window));
    }
}
