using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;
using Xunit;

namespace SupplyChain.Domain.Tests.Eta;

public sealed class StopProgressTests
{
    private const string Hub = "HUB-1";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TrackingOptions Options = new();
    private static readonly GeoPoint Origin = new(52.0, 5.0);
    private static readonly GeoPoint Destination = North(30_000);

    private static GeoPoint North(double meters) => GreatCircle.Destination(Origin, 0, meters);

    private static EtaPlan PlanWith(params PlannedStop[] stops) => new(Destination, 300, new Route([Origin, Destination]), stops);

    [Fact]
    public void Arrived_AtAPlannedFacility_ReachesItsStop()
    {
        PlannedStop[] stops = [new(North(10_000), FacilityId: Hub)];

        var progress = StopProgress.Initial.Arrived(stops, Hub, T0);

        Assert.Equal([new StopVisit(0, T0)], progress.Visits);
    }

    [Fact]
    public void Arrived_AtAnUnplannedFacility_ChangesNothing()
    {
        PlannedStop[] stops = [new(North(10_000), FacilityId: Hub)];

        var progress = StopProgress.Initial.Arrived(stops, "ELSEWHERE", T0);

        Assert.Same(StopProgress.Initial, progress);
    }

    [Fact]
    public void ArrivedThenDeparted_LeavesTheStop_AndCopiesChangeNothing()
    {
        PlannedStop[] stops = [new(North(10_000), FacilityId: Hub)];
        var there = StopProgress.Initial.Arrived(stops, Hub, T0);

        var left = there.Departed(stops, Hub, T0.AddMinutes(20), TimeSpan.FromMinutes(20));

        Assert.Equal([new StopVisit(0, T0, T0.AddMinutes(20))], left.Visits);
        Assert.Same(there, there.Arrived(stops, Hub, T0));
        Assert.Same(left, left.Departed(stops, Hub, T0.AddMinutes(20), TimeSpan.FromMinutes(20)));
        Assert.Same(left, left.Arrived(stops, Hub, T0));
    }

    [Fact]
    public void Departed_WithoutTheArrivalHeard_ReachesTheStopItsDwellBefore()
    {
        PlannedStop[] stops = [new(North(10_000), FacilityId: Hub)];

        var progress = StopProgress.Initial.Departed(stops, Hub, T0.AddMinutes(25), TimeSpan.FromMinutes(25));

        Assert.Equal([new StopVisit(0, T0, T0.AddMinutes(25))], progress.Visits);
    }

    [Fact]
    public void Arrived_FacilityPlannedTwice_GoesToTheNextVisitInPlanOrder()
    {
        PlannedStop[] stops = [new(North(5_000), FacilityId: Hub), new(North(10_000), FacilityId: "DEPOT"), new(North(5_000), FacilityId: Hub)];
        var progress = StopProgress.Initial
            .Arrived(stops, Hub, T0).Departed(stops, Hub, T0.AddMinutes(10), null)
            .Arrived(stops, "DEPOT", T0.AddMinutes(20)).Departed(stops, "DEPOT", T0.AddMinutes(30), null);

        var back = progress.Arrived(stops, Hub, T0.AddMinutes(40));

        Assert.Equal(new StopVisit(2, T0.AddMinutes(40)), back.VisitOf(2));
        Assert.Equal(new StopVisit(0, T0, T0.AddMinutes(10)), back.VisitOf(0));
    }

    [Fact]
    public void OnFix_WithinReachOfAStopWithoutFacility_ReachesIt_AndBeyondItLeavesIt()
    {
        var plan = PlanWith(new PlannedStop(North(10_000)));

        var reached = StopProgress.Initial.OnFix(plan, new Fix(North(9_800), T0), Options);
        var jitter = reached.OnFix(plan, new Fix(North(9_670), T0.AddMinutes(1)), Options);
        var left = jitter.OnFix(plan, new Fix(North(11_000), T0.AddMinutes(15)), Options);

        Assert.Equal([new StopVisit(0, T0)], reached.Visits);
        Assert.Same(reached, jitter);
        Assert.Equal([new StopVisit(0, T0, T0.AddMinutes(15))], left.Visits);
    }

    [Fact]
    public void OnFix_FacilityStop_IsLeftToTheFacilityEvents()
    {
        var plan = PlanWith(new PlannedStop(North(10_000), FacilityId: Hub));

        var progress = StopProgress.Initial.OnFix(plan, new Fix(North(10_000), T0), Options);

        Assert.Same(StopProgress.Initial, progress);
    }

    [Fact]
    public void OnFix_TwoStopsWithinReach_ReachesTheFirstNotVisited()
    {
        var plan = PlanWith(new PlannedStop(North(10_000)), new PlannedStop(North(10_050)));

        var first = StopProgress.Initial.OnFix(plan, new Fix(North(10_000), T0), Options);
        var second = first.OnFix(plan, new Fix(North(10_000), T0.AddMinutes(1)), Options);

        Assert.Equal([new StopVisit(0, T0)], first.Visits);
        Assert.Equal(new StopVisit(1, T0.AddMinutes(1)), second.VisitOf(1));
    }

    [Fact]
    public void IsAtStop_OpenVisitOrNearAStopNotVisited_ButNotAfterLeaving()
    {
        var plan = PlanWith(new PlannedStop(North(10_000), FacilityId: Hub));
        var stops = plan.Stops!;
        var here = new Fix(North(10_100), T0.AddMinutes(1));

        Assert.True(StopProgress.Initial.IsAtStop(plan, here));
        Assert.False(StopProgress.Initial.IsAtStop(plan, here with { Location = North(12_000) }));
        Assert.True(StopProgress.Initial.Arrived(stops, Hub, T0).IsAtStop(plan, here with { Location = North(12_000) }));
        Assert.False(StopProgress.Initial.Arrived(stops, Hub, T0).Departed(stops, Hub, T0.AddSeconds(30), null).IsAtStop(plan, here));
    }
}
