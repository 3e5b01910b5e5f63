using System.Collections.Immutable;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using Xunit;
using static SupplyChain.Domain.Tests.Geofences.Fences;

namespace SupplyChain.Domain.Tests.Facilities;

public sealed class FacilityVisitsTests
{
    private const double Hysteresis = 50;
    private static readonly TimeSpan Dwell = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    // The hub spans longitudes 4.0-4.1; the zone 5.0-5.1 is no facility.
    private static readonly GeofenceIndex Index = new([
        Box("hub", 4.0, 51.9, 4.1, 52.1, "Depot"), Box("zone", 5.0, 51.9, 5.1, 52.1, "Zone"),
    ]);

    private static readonly GeoPoint West = new(52.0, 3.95);
    private static readonly GeoPoint InHub = new(52.0, 4.05);
    private static readonly GeoPoint InZone = new(52.0, 5.05);

    [Fact]
    public void Next_StayingInsideForTheDwell_ArrivesDatedAtTheEntry_ThenDepartsWithTheTimeInside()
    {
        var movements = Drive(
            (West, 0), (InHub, 30), (InHub, 60), (InHub, 150), (InHub, 600), (West, 900));

        Assert.Collection(
            movements,
            a =>
            {
                Assert.Equal(FacilityMovementKind.Arrived, a.Kind);
                Assert.Equal("hub", a.FacilityId);
                Assert.Equal(T0.AddSeconds(30), a.At);
                Assert.Equal(InHub, a.Location);
                Assert.Null(a.Dwell);
            },
            d =>
            {
                Assert.Equal(FacilityMovementKind.Departed, d.Kind);
                Assert.Equal("hub", d.FacilityId);
                Assert.Equal(T0.AddSeconds(900), d.At);
                Assert.Equal(TimeSpan.FromSeconds(870), d.Dwell);
            });
    }

    [Fact]
    public void Next_ADriveByShorterThanTheDwell_RaisesNothing()
    {
        Assert.Empty(Drive((West, 0), (InHub, 30), (InHub, 90), (West, 120)));
    }

    [Fact]
    public void Next_TheArrivalIsRaisedByTheFixThatCompletesTheDwell_OnlyOnce()
    {
        var visits = ImmutableArray<FacilityVisit>.Empty;
        IReadOnlyCollection<string> inside = [];
        Fix? previous = null;
        var raisedBy = new List<int>();
        int[] seconds = [0, 30, 60, 149, 150, 151, 400];
        for (var i = 0; i < seconds.Length; i++)
        {
            var fix = new Fix(i == 0 ? West : InHub, T0.AddSeconds(seconds[i]));
            var membership = GeofenceMembership.Next(Index, inside, previous, fix, Hysteresis);
            var step = FacilityVisits.Next(visits, membership, fix, Index, Dwell);
            if (step.Movements.Count > 0)
            {
                raisedBy.Add(seconds[i]);
            }

            (visits, inside, previous) = (step.Visits, membership.Inside, fix);
        }

        Assert.Equal([150], raisedBy);
        Assert.True(Assert.Single(visits).Arrived);
    }

    [Fact]
    public void Next_SparseFixesEitherSideOfALongVisit_ArriveAndDepartTogether()
    {
        // No fix inside long enough to see the arrival: the exit shows the vehicle stayed the dwell.
        var movements = Drive((West, 0), (InHub, 10), (West, 600));

        Assert.Equal([FacilityMovementKind.Arrived, FacilityMovementKind.Departed], movements.Select(m => m.Kind));
        Assert.Equal(T0.AddSeconds(10), movements[0].At);
        Assert.Equal(T0.AddSeconds(600), movements[1].At);
    }

    [Fact]
    public void Next_JitterOnTheFenceEdge_KeepsOneVisit()
    {
        // About 34 m outside the west edge, inside the hysteresis: still in the hub.
        var edge = new GeoPoint(52.0, 3.9995);
        var movements = Drive((West, 0), (InHub, 30), (edge, 60), (InHub, 90), (edge, 200), (InHub, 300), (West, 400));

        Assert.Equal([FacilityMovementKind.Arrived, FacilityMovementKind.Departed], movements.Select(m => m.Kind));
        Assert.Equal(TimeSpan.FromSeconds(370), movements[1].Dwell);
    }

    [Fact]
    public void Next_AZoneThatIsNoFacility_RaisesNothing()
    {
        Assert.Empty(Drive((West, 0), (InZone, 30), (InZone, 600), (West, 900)));
    }

    [Fact]
    public void Next_AFenceDeletedDuringTheVisit_EndsItWithoutADeparture()
    {
        var visits = ImmutableArray<FacilityVisit>.Empty;
        IReadOnlyCollection<string> inside = [];
        Fix? previous = null;
        var movements = new List<FacilityMovement>();
        foreach (var (point, second, index) in new[] { (West, 0, Index), (InHub, 30, Index), (InHub, 300, Index), (West, 600, new GeofenceIndex([])) })
        {
            var fix = new Fix(point, T0.AddSeconds(second));
            var membership = GeofenceMembership.Next(index, inside, previous, fix, Hysteresis);
            var step = FacilityVisits.Next(visits, membership, fix, index, Dwell);
            movements.AddRange(step.Movements);
            (visits, inside, previous) = (step.Visits, membership.Inside, fix);
        }

        Assert.Equal([FacilityMovementKind.Arrived], movements.Select(m => m.Kind));
        Assert.Empty(visits);
    }

    [Fact]
    public void Next_AVehicleAlreadyCountedInsideWithoutAVisit_StartsOneAtThatFix()
    {
        // A vehicle stored before visits were kept: its membership says inside, it has no visit.
        var fix = new Fix(InHub, T0);
        var membership = GeofenceMembership.Next(Index, ["hub"], new Fix(InHub, T0.AddSeconds(-10)), fix, Hysteresis);

        var step = FacilityVisits.Next([], membership, fix, Index, Dwell);

        Assert.Empty(step.Movements);
        Assert.Equal(new FacilityVisit("hub", T0, InHub, Arrived: false), Assert.Single(step.Visits));
    }

    [Fact]
    public void Next_OutsideEveryFence_ReturnsTheSharedEmptyStep()
    {
        var fix = new Fix(West, T0);

        Assert.Same(FacilityStep.Nothing, FacilityVisits.Next([], GeofenceMembership.Next(Index, [], null, fix, Hysteresis), fix, Index, Dwell));
    }

    /// <summary>Drives the fixes (position, seconds after T0) through membership and visits; returns every movement.</summary>
    private static List<FacilityMovement> Drive(params (GeoPoint Where, int Second)[] fixes)
    {
        var visits = ImmutableArray<FacilityVisit>.Empty;
        IReadOnlyCollection<string> inside = [];
        Fix? previous = null;
        var movements = new List<FacilityMovement>();
        foreach (var (where, second) in fixes)
        {
            var fix = new Fix(where, T0.AddSeconds(second));
            var membership = GeofenceMembership.Next(Index, inside, previous, fix, Hysteresis);
            var step = FacilityVisits.Next(visits, membership, fix, Index, Dwell);
            movements.AddRange(step.Movements);
            (visits, inside, previous) = (step.Visits, membership.Inside, fix);
        }

        return movements;
    }
}
