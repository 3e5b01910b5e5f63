using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;
using Xunit;

namespace SupplyChain.Domain.Tests.Routes;

public sealed class CorridorMonitorTests
{
    private const double Width = 1_000;
    private const double Hysteresis = 50;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Route Route = new([new GeoPoint(51.8, 4.25), new GeoPoint(52.2, 4.25)]);
    private static readonly GeoPoint Middle = new(52.0, 4.25);

    private static List<CorridorStep> Run(params double[] eastOffsets)
    {
        var state = CorridorState.Initial;
        var steps = new List<CorridorStep>();
        for (var i = 0; i < eastOffsets.Length; i++)
        {
            var location = GreatCircle.Destination(Middle, Math.PI / 2, eastOffsets[i]);
            var fix = new Fix(location, T0.AddMinutes(i));
            var step = CorridorMonitor.Next(state, Route.Project(location), fix, Width, Hysteresis);
            steps.Add(step);
            state = step.State;
        }

        return steps;
    }

    [Fact]
    public void Next_LeavesCorridor_BreachOncePerExcursion()
    {
        var steps = Run(100, 560, 800, 2_000, 900);

        var breach = Assert.Single(steps, s => s.Breach is not null).Breach!;
        Assert.Equal(T0.AddMinutes(1), breach.At);
        Assert.InRange(breach.DistanceOffM, 555, 565);
        Assert.True(steps[^1].State.Outside);
    }

    [Fact]
    public void Next_JitterAroundCorridorEdge_NoBreach()
    {
        var steps = Run(480, 530, 470, 545, 500, 520);

        Assert.All(steps, s => Assert.Null(s.Breach));
    }

    [Fact]
    public void Next_BackWithinHalfWidthButNotHysteresis_StillOutside()
    {
        var steps = Run(800, 470, 430);

        Assert.NotNull(steps[0].Breach);
        Assert.False(steps[1].Returned);
        Assert.True(steps[1].State.Outside);
        Assert.True(steps[2].Returned);
        Assert.False(steps[2].State.Outside);
    }

    [Fact]
    public void Next_SecondExcursion_BreachesAgain()
    {
        var steps = Run(800, 100, 800);

        Assert.Equal(2, steps.Count(s => s.Breach is not null));
    }

    [Fact]
    public void Next_CorridorNarrowerThanTwiceHysteresis_CanStillReturn()
    {
        var state = new CorridorState(true);
        var location = GreatCircle.Destination(Middle, Math.PI / 2, 10);

        var step = CorridorMonitor.Next(state, Route.Project(location), new Fix(location, T0), corridorWidthM: 80, Hysteresis);

        Assert.True(step.Returned);
    }
}
