using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Motion;
using SupplyChain.Domain.Routes;
using Xunit;

namespace SupplyChain.Domain.Tests.Eta;

public sealed class EtaEstimatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TrackingOptions Options = new();
    private static readonly GeoPoint Origin = new(52.0, 5.0);

    // 30 km due north along the meridian: a great circle, so distances are easy to state.
    private static readonly GeoPoint Destination = GreatCircle.Destination(Origin, 0, 30_000);
    private static readonly Route NorthRoute = new([Origin, Destination]);

    private static GeoPoint North(double meters) => GreatCircle.Destination(Origin, 0, meters);

    [Fact]
    public void Next_FirstFixWithoutRoute_UsesDetourFactorAndCruisingSpeed()
    {
        var plan = new EtaPlan(Destination, 300);

        var step = EtaEstimator.Next(EtaState.Initial, new Fix(Origin, T0), moving: true, plan, Options);

        // 30 km × 1.3 at 60 km/h = 39 min.
        Assert.Equal(39_000, step.RemainingM, 1.0);
        Assert.Equal(T0.AddMinutes(39), step.Estimate!.Value, TimeSpan.FromSeconds(1));
        Assert.NotNull(step.Recalculated);
        Assert.Null(step.Recalculated.PreviousEta);
        Assert.Equal(step.Estimate, step.State.OriginalEta);
        Assert.Equal(step.Estimate, step.State.Eta);
    }

    [Fact]
    public void Next_WithRoute_RemainingIsAlongRoutePlusDistanceOff()
    {
        var plan = new EtaPlan(Destination, 300, NorthRoute);
        var position = GreatCircle.Destination(North(10_000), Math.PI / 2, 400);

        var step = EtaEstimator.Next(EtaState.Initial, new Fix(position, T0), moving: true, plan, Options);

        Assert.Equal(20_000 + 400, step.RemainingM, 2.0);
    }

    [Fact]
    public void Next_BeforeRouteStart_CountsWholeRoute()
    {
        var plan = new EtaPlan(Destination, 300, NorthRoute);
        var before = GreatCircle.Destination(Origin, Math.PI, 2_000);

        var step = EtaEstimator.Next(EtaState.Initial, new Fix(before, T0), moving: true, plan, Options);

        Assert.Equal(32_000, step.RemainingM, 2.0);
    }

    [Fact]
    public void Next_EstimateMovesLessThanThreshold_KeepsAnnouncedEta()
    {
        var plan = new EtaPlan(Destination, 300);
        var first = EtaEstimator.Next(EtaState.Initial, new Fix(Origin, T0), true, plan, Options);

        // Four minutes later without moving, with a confirmed stop: the estimate slips four minutes.
        var second = EtaEstimator.Next(first.State, new Fix(Origin, T0.AddMinutes(4)), false, plan, Options);

        Assert.Null(second.Recalculated);
        Assert.Equal(first.State.Eta, second.State.Eta);
        Assert.Equal(first.Estimate!.Value.AddMinutes(4), second.Estimate!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Next_EstimateMovesByThreshold_RecalculatedKeepsOriginal()
    {
        var plan = new EtaPlan(Destination, 300);
        var first = EtaEstimator.Next(EtaState.Initial, new Fix(Origin, T0), true, plan, Options);

        var second = EtaEstimator.Next(first.State, new Fix(Origin, T0.AddMinutes(6)), false, plan, Options);

        Assert.NotNull(second.Recalculated);
        Assert.Equal(first.Estimate, second.Recalculated.PreviousEta);
        Assert.Equal(first.Estimate, second.Recalculated.OriginalEta);
        Assert.Equal(first.Estimate, second.State.OriginalEta);
        Assert.Equal(second.Estimate, second.State.Eta);
    }

    [Fact]
    public void Next_WithinArrivingSoonWindow_RaisedOnce()
    {
        var plan = new EtaPlan(Destination, 300, NorthRoute);
        var state = EtaState.Initial;
        var raised = new List<ArrivingSoon>();
        for (var minute = 0; minute <= 28; minute++)
        {
            // 60 km/h, so 30 km takes 30 minutes.
            var step = EtaEstimator.Next(state, new Fix(North(minute * 1_000.0), T0.AddMinutes(minute)), true, plan, Options);
            state = step.State;
            if (step.ArrivingSoon is { } soon)
            {
                raised.Add(soon);
            }
        }

        var arriving = Assert.Single(raised);
        Assert.Equal(T0, arriving.At);
        Assert.Equal(T0.AddMinutes(30), arriving.Eta, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Next_InsideDestinationRadius_ArrivedOnceThenQuiet()
    {
        var plan = new EtaPlan(Destination, 300, NorthRoute);
        var near = EtaEstimator.Next(EtaState.Initial, new Fix(North(29_000), T0), true, plan, Options);

        var arrived = EtaEstimator.Next(near.State, new Fix(North(29_800), T0.AddMinutes(1)), true, plan, Options);
        var after = EtaEstimator.Next(arrived.State, new Fix(North(29_900), T0.AddMinutes(2)), true, plan, Options);

        Assert.Equal(T0.AddMinutes(1), arrived.Arrived!.At);
        Assert.True(arrived.State.Arrived);
        Assert.Null(after.Arrived);
        Assert.Null(after.Recalculated);
        Assert.Null(after.Estimate);
    }

    [Fact]
    public void Next_PlannedStopAhead_AddsDwellUntilPassed()
    {
        var stop = new PlannedStop(North(15_000), TimeSpan.FromMinutes(20));
        var plan = new EtaPlan(Destination, 300, NorthRoute, [stop]);
        var withoutStop = plan with { Stops = [] };

        var before = EtaEstimator.Next(EtaState.Initial, new Fix(North(5_000), T0), true, plan, Options);
        var baseline = EtaEstimator.Next(EtaState.Initial, new Fix(North(5_000), T0), true, withoutStop, Options);
        var past = EtaEstimator.Next(EtaState.Initial, new Fix(North(16_000), T0), true, plan, Options);
        var pastBaseline = EtaEstimator.Next(EtaState.Initial, new Fix(North(16_000), T0), true, withoutStop, Options);

        Assert.Equal(TimeSpan.FromMinutes(20), before.Estimate - baseline.Estimate);
        Assert.Equal(TimeSpan.Zero, past.Estimate - pastBaseline.Estimate);
    }

    [Fact]
    public void DwellAhead_StopsAhead_CountTheirDwell_OrTheDefault()
    {
        var plan = new EtaPlan(Destination, 300, NorthRoute, [new PlannedStop(North(10_000), TimeSpan.FromMinutes(20)), new PlannedStop(North(20_000))]);

        var dwell = EtaEstimator.DwellAhead(new Fix(North(5_000), T0), plan, StopProgress.Initial, Options);

        Assert.Equal(TimeSpan.FromMinutes(20) + Options.PlannedStopDwell, dwell);
    }

    [Fact]
    public void DwellAhead_StopReached_CountsOnlyTheDwellLeft_NeverLessThanNothing()
    {
        var plan = new EtaPlan(Destination, 300, NorthRoute, [new PlannedStop(North(10_000), TimeSpan.FromMinutes(20), "HUB")]);
        var there = StopProgress.Initial.Arrived(plan.Stops, "HUB", T0);

        var early = EtaEstimator.DwellAhead(new Fix(North(10_000), T0.AddMinutes(5)), plan, there, Options);
        var overstayed = EtaEstimator.DwellAhead(new Fix(North(10_000), T0.AddMinutes(30)), plan, there, Options);
        var beforeTheArrival = EtaEstimator.DwellAhead(new Fix(North(9_000), T0.AddMinutes(-5)), plan, there, Options);

        Assert.Equal(TimeSpan.FromMinutes(15), early);
        Assert.Equal(TimeSpan.Zero, overstayed);
        Assert.Equal(TimeSpan.FromMinutes(20), beforeTheArrival);
    }

    [Fact]
    public void DwellAhead_StopLeft_CountsNothing_EvenWhereTheGeometrySaysAhead()
    {
        var plan = new EtaPlan(Destination, 300, NorthRoute, [new PlannedStop(North(10_000), TimeSpan.FromMinutes(20), "HUB")]);
        var left = StopProgress.Initial.Arrived(plan.Stops, "HUB", T0).Departed(plan.Stops, "HUB", T0.AddMinutes(10), null);

        // The facility's fence reaches 1 km before the planned point: the vehicle left it while still "before" the stop.
        var dwell = EtaEstimator.DwellAhead(new Fix(North(9_000), T0.AddMinutes(11)), plan, left, Options);

        Assert.Equal(TimeSpan.Zero, dwell);
    }

    [Fact]
    public void DwellAhead_LaterStopReached_EarlierStopsCountNothing()
    {
        // The route comes back past the first stop's point after the second stop: the plan's order says it is done.
        var loop = new Route([Origin, North(20_000), GreatCircle.Destination(North(20_000), Math.PI / 2, 5_000), GreatCircle.Destination(Origin, Math.PI / 2, 5_000)]);
        var first = new PlannedStop(GreatCircle.Destination(North(15_000), Math.PI / 2, 5_000), TimeSpan.FromMinutes(20), "A");
        var second = new PlannedStop(North(20_000), TimeSpan.FromMinutes(10), "B");
        var plan = new EtaPlan(loop.End, 300, loop, [first, second]);
        var atSecond = StopProgress.Initial.Arrived(plan.Stops, "B", T0);

        var dwell = EtaEstimator.DwellAhead(new Fix(North(20_000), T0.AddMinutes(4)), plan, atSecond, Options);

        Assert.Equal(TimeSpan.FromMinutes(6), dwell);
    }

    [Fact]
    public void DwellAhead_FacilityStopNearButArrivalNotYetRaised_CountsTheWholeDwell()
    {
        var plan = new EtaPlan(Destination, 300, NorthRoute, [new PlannedStop(North(10_000), TimeSpan.FromMinutes(20), "HUB")]);

        var dwell = EtaEstimator.DwellAhead(new Fix(North(10_100), T0), plan, StopProgress.Initial, Options);

        Assert.Equal(TimeSpan.FromMinutes(20), dwell);
    }

    [Fact]
    public void Next_AtAPlannedStop_EstimateHoldsWhileTheDwellRunsDown()
    {
        // 80 km/h measured on the way in; then 12 minutes at a planned 15-minute stop.
        var plan = new EtaPlan(Destination, 300, NorthRoute, [new PlannedStop(North(8_000), TimeSpan.FromMinutes(15))]);
        var state = EtaState.Initial;
        var stops = StopProgress.Initial;
        EtaStep step = null!;
        for (var minute = 0; minute <= 6; minute++)
        {
            var fix = new Fix(North(minute * 1_333.3), T0.AddMinutes(minute));
            stops = stops.OnFix(plan, fix, Options);
            step = EtaEstimator.Next(state, fix, true, plan, Options, stops: stops);
            state = step.State;
        }

        var arriving = step.Estimate!.Value;
        for (var minute = 7; minute <= 18; minute++)
        {
            var fix = new Fix(North(8_000), T0.AddMinutes(minute));
            stops = stops.OnFix(plan, fix, Options);
            step = EtaEstimator.Next(state, fix, moving: minute < 11, plan, Options, stops: stops);
            state = step.State;
        }

        Assert.Equal(arriving, step.Estimate!.Value, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Next_StopAndGoTraffic_EtaStaysSaneAndQuiet()
    {
        // A minute at 36 km/h, a minute standing (with GPS jitter), pinging every 10 s: 18 km/h on
        // average, so the 30 km take 100 minutes.
        var plan = new EtaPlan(Destination, 300, NorthRoute);
        var eta = EtaState.Initial;
        var motion = MotionState.Initial;
        var random = new Random(5);
        var travelled = 0.0;
        var estimates = new List<(DateTimeOffset At, DateTimeOffset Eta)>();
        var announcementsSettled = 0;
        for (var second = 0; second <= 6_000; second += 10)
        {
            if (second % 120 < 60 && second > 0)
            {
                travelled += 100;
            }

            var location = GreatCircle.Destination(North(travelled), random.NextDouble() * 2 * Math.PI, random.NextDouble() * 8);
            var fix = new Fix(location, T0.AddSeconds(second));
            motion = MotionDetector.Next(motion, fix, insideDepot: false, Options).State;
            var step = EtaEstimator.Next(eta, fix, motion.Moving, plan, Options);
            eta = step.State;
            announcementsSettled += step.Recalculated is not null && fix.At >= T0.AddMinutes(30) ? 1 : 0;
            if (step.Estimate is { } estimate && !eta.Arrived)
            {
                estimates.Add((fix.At, estimate));
            }
        }

        var arrival = T0.AddMinutes(100);
        Assert.True(eta.Arrived);

        // Never a jump between consecutive pings that a customer would notice as a swing.
        for (var i = 1; i < estimates.Count; i++)
        {
            Assert.InRange((estimates[i].Eta - estimates[i - 1].Eta).Duration(), TimeSpan.Zero, TimeSpan.FromMinutes(3));
        }

        // Once the mean speed has settled (three time constants), within a fifth of the time left.
        foreach (var (at, estimate) in estimates.Where(e => e.At >= T0.AddMinutes(30)))
        {
            Assert.InRange((estimate - arrival).Duration(), TimeSpan.Zero, (arrival - at) * 0.2 + TimeSpan.FromMinutes(3));
        }

        // Settled, the estimate is announced again only now and then, not on every stop.
        Assert.InRange(announcementsSettled, 0, 2);
    }

    [Fact]
    public void Next_ConfirmedStop_UsesCruisingSpeed()
    {
        var plan = new EtaPlan(Destination, 300);
        var slow = EtaState.Initial with { SpeedMps = 2, LastFix = new Fix(Origin, T0) };

        var step = EtaEstimator.Next(slow, new Fix(Origin, T0.AddMinutes(1)), moving: false, plan, Options);

        Assert.Equal(T0.AddMinutes(1 + 39), step.Estimate!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(2, step.State.SpeedMps);
    }

    [Fact]
    public void Next_OlderFix_Ignored()
    {
        var plan = new EtaPlan(Destination, 300);
        var first = EtaEstimator.Next(EtaState.Initial, new Fix(Origin, T0), true, plan, Options);

        var older = EtaEstimator.Next(first.State, new Fix(North(1_000), T0.AddMinutes(-1)), true, plan, Options);

        Assert.Equal(first.State, older.State);
        Assert.Null(older.Estimate);
    }
}
