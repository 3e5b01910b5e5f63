using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Motion;
using Xunit;

namespace SupplyChain.Domain.Tests.Motion;

public sealed class MotionDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Parking = new(51.92, 4.48);
    private static readonly TrackingOptions Options = new();

    /// <summary>Runs fixes through the detector; returns the final state and every decision.</summary>
    private static (MotionState State, List<NoMovementDetected> Decisions) Run(IEnumerable<(Fix Fix, bool InsideDepot)> fixes)
    {
        var state = MotionState.Initial;
        var decisions = new List<NoMovementDetected>();
        foreach (var (fix, insideDepot) in fixes)
        {
            var step = MotionDetector.Next(state, fix, insideDepot, Options);
            state = step.State;
            if (step.NoMovement is { } decision)
            {
                decisions.Add(decision);
            }
        }

        return (state, decisions);
    }

    /// <summary>A fix every 30 s, up to <paramref name="jitterM"/> metres around <paramref name="centre"/>.</summary>
    private static IEnumerable<(Fix, bool)> Jitter(GeoPoint centre, DateTimeOffset start, TimeSpan duration, double jitterM, bool insideDepot = false)
    {
        var random = new Random(17);
        for (var t = TimeSpan.Zero; t <= duration; t += TimeSpan.FromSeconds(30))
        {
            var location = GreatCircle.Destination(centre, random.NextDouble() * 2 * Math.PI, random.NextDouble() * jitterM);
            yield return (new Fix(location, start + t), insideDepot);
        }
    }

    [Fact]
    public void Next_StationaryJitterInsideRadius_IsAStopReportedOnce()
    {
        var (state, decisions) = Run(Jitter(Parking, T0, TimeSpan.FromMinutes(30), jitterM: 80));

        var decision = Assert.Single(decisions);
        Assert.Equal(T0, decision.Since);
        Assert.Equal(T0.AddMinutes(10), decision.At);
        Assert.Equal(TimeSpan.FromMinutes(10), decision.Duration);
        Assert.False(state.Moving);
        Assert.Equal(T0, state.StoppedSince);
    }

    [Fact]
    public void Next_ShortStop_MovingAndNoReport()
    {
        var (state, decisions) = Run(Jitter(Parking, T0, TimeSpan.FromMinutes(3), jitterM: 30));

        Assert.Empty(decisions);
        Assert.True(state.Moving);
        Assert.Null(state.StoppedSince);
    }

    [Fact]
    public void Next_SlowCrawlAtOneMetrePerSecond_IsNotAStop()
    {
        var fixes = Enumerable.Range(0, 121).Select(i =>
            (new Fix(GreatCircle.Destination(Parking, Math.PI / 2, i * 30.0), T0.AddSeconds(i * 30)), false));

        var (state, decisions) = Run(fixes);

        Assert.Empty(decisions);
        Assert.True(state.Moving);
    }

    [Fact]
    public void Next_StopInsideDepot_NoReport()
    {
        var (state, decisions) = Run(Jitter(Parking, T0, TimeSpan.FromHours(2), jitterM: 50, insideDepot: true));

        Assert.Empty(decisions);
        Assert.False(state.Moving);
    }

    [Fact]
    public void Next_StopBeganInDepotThenOutside_ClockStartsAtFirstFixOutside()
    {
        var inDepot = Jitter(Parking, T0, TimeSpan.FromMinutes(30), jitterM: 20, insideDepot: true);
        var outside = Jitter(Parking, T0.AddMinutes(30.5), TimeSpan.FromMinutes(20), jitterM: 20);

        var (_, decisions) = Run(inDepot.Concat(outside));

        var decision = Assert.Single(decisions);
        Assert.Equal(T0.AddMinutes(30.5), decision.Since);
        Assert.Equal(T0.AddMinutes(40.5), decision.At);
    }

    [Fact]
    public void Next_MovedBeyondRadius_RearmsForNextStop()
    {
        var elsewhere = GreatCircle.Destination(Parking, 0, 5_000);
        var fixes = Jitter(Parking, T0, TimeSpan.FromMinutes(15), 50)
            .Concat(Jitter(elsewhere, T0.AddMinutes(20), TimeSpan.FromMinutes(15), 50));

        var (_, decisions) = Run(fixes);

        Assert.Equal(2, decisions.Count);
        Assert.Equal(T0.AddMinutes(20), decisions[1].Since);
    }

    [Fact]
    public void Next_SparsePingsAtSamePlace_ReportOnSecondPing()
    {
        var (_, decisions) = Run([(new Fix(Parking, T0), false), (new Fix(Parking, T0.AddMinutes(45)), false)]);

        Assert.Equal(TimeSpan.FromMinutes(45), Assert.Single(decisions).Duration);
    }

    [Fact]
    public void Next_OlderFix_Ignored()
    {
        var first = MotionDetector.Next(MotionState.Initial, new Fix(Parking, T0), false, Options).State;

        var step = MotionDetector.Next(first, new Fix(GreatCircle.Destination(Parking, 0, 1_000), T0.AddMinutes(-1)), false, Options);

        Assert.Equal(first, step.State);
        Assert.Null(step.NoMovement);
    }

    [Fact]
    public void Initial_BeforeAnyFix_NotMoving()
    {
        Assert.False(MotionState.Initial.Moving);
        Assert.Null(MotionState.Initial.StoppedSince);
    }
}
