using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using Xunit;
using static SupplyChain.Domain.Tests.Geofences.Fences;

namespace SupplyChain.Domain.Tests.Geofences;

public sealed class GeofenceMembershipTests
{
    private const double Hysteresis = 50;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    // The box's west edge is the meridian 4.0; at 52°N 0.0001° of longitude is about 6.9 m.
    private static readonly GeofenceIndex Index = new([
        Box("yard", 4.0, 51.9, 4.1, 52.1, "Depot"), Box("port", 5.0, 51.9, 5.1, 52.1, "Restricted"),
    ]);

    [Fact]
    public void Next_GpsJitterAlongFenceEdge_EntersOnceAndNeverFlaps()
    {
        var inside = (IReadOnlyCollection<string>)[];
        Fix? previous = null;
        var transitions = new List<GeofenceTransition>();
        for (var i = 0; i < 60; i++)
        {
            // Driving north along the edge, wandering up to ~20 m either side of it.
            var offset = (i % 3 - 1) * 0.0003;
            var fix = new Fix(new GeoPoint(51.95 + i * 0.0005, 4.0 + offset), T0.AddSeconds(i * 5));
            var update = GeofenceMembership.Next(Index, inside, previous, fix, Hysteresis);
            transitions.AddRange(update.Transitions);
            inside = update.Inside;
            previous = fix;
        }

        var entered = Assert.Single(transitions);
        Assert.Equal(GeofenceTransitionKind.Entered, entered.Transition);
        Assert.Equal("yard", entered.GeofenceId);
        Assert.Contains("yard", inside);
    }

    [Fact]
    public void Next_OutsideByLessThanHysteresis_StaysInside()
    {
        var fix = new Fix(new GeoPoint(52.0, 3.9995), T0); // ~34 m west of the edge

        var update = GeofenceMembership.Next(Index, ["yard"], null, fix, Hysteresis);

        Assert.Empty(update.Transitions);
        Assert.Equal(["yard"], update.Inside);
        Assert.True(update.InsideDepot);
    }

    [Fact]
    public void Next_OutsideByMoreThanHysteresis_Exits()
    {
        var fix = new Fix(new GeoPoint(52.0, 3.999), T0); // ~69 m west of the edge

        var update = GeofenceMembership.Next(Index, ["yard"], null, fix, Hysteresis);

        var exited = Assert.Single(update.Transitions);
        Assert.Equal(GeofenceTransitionKind.Exited, exited.Transition);
        Assert.Equal(GeofenceKind.Depot, exited.Kind);
        Assert.Equal(fix.Location, exited.Location);
        Assert.Equal(T0, exited.At);
        Assert.Empty(update.Inside);
        Assert.False(update.InsideDepot);
    }

    [Fact]
    public void Next_SparsePingsEitherSideOfSmallFence_EntersAndExitsInBetween()
    {
        var index = new GeofenceIndex([Circle("gate", 52.0, 5.0, 60)]);
        var before = new Fix(new GeoPoint(52.0, 4.99), T0);
        var after = new Fix(new GeoPoint(52.0, 5.01), T0.AddMinutes(2));

        var update = GeofenceMembership.Next(index, [], before, after, Hysteresis);

        Assert.Collection(update.Transitions,
            t =>
            {
                Assert.Equal(GeofenceTransitionKind.Entered, t.Transition);
                Assert.InRange(t.At, T0.AddSeconds(50), T0.AddSeconds(60));
                Assert.InRange(GreatCircle.DistanceMeters(t.Location, new GeoPoint(52.0, 5.0)), 50, 70);
            },
            t =>
            {
                Assert.Equal(GeofenceTransitionKind.Exited, t.Transition);
                Assert.InRange(t.At, T0.AddSeconds(60), T0.AddSeconds(70));
            });
        Assert.Empty(update.Inside);
    }

    [Fact]
    public void Next_CrossingEndsWithinHysteresis_EntersAndStaysInside()
    {
        var index = new GeofenceIndex([Circle("gate", 52.0, 5.0, 60)]);
        var before = new Fix(new GeoPoint(52.0, 4.99), T0);
        var after = new Fix(GreatCircle.Destination(new GeoPoint(52.0, 5.0), Math.PI / 2, 80), T0.AddMinutes(1));

        var update = GeofenceMembership.Next(index, [], before, after, Hysteresis);

        Assert.Equal(GeofenceTransitionKind.Entered, Assert.Single(update.Transitions).Transition);
        Assert.Equal(["gate"], update.Inside);
    }

    [Fact]
    public void Next_EnteringRestricted_IsBreach()
    {
        var update = GeofenceMembership.Next(Index, [], null, new Fix(new GeoPoint(52.0, 5.05), T0), Hysteresis);

        var entered = Assert.Single(update.Transitions);
        Assert.True(entered.IsBreach);
        Assert.Equal("port", entered.GeofenceId);
    }

    [Fact]
    public void Next_FenceDeleted_DroppedWithoutTransition()
    {
        var update = GeofenceMembership.Next(Index, ["gone"], null, new Fix(new GeoPoint(0, 0), T0), Hysteresis);

        Assert.Empty(update.Transitions);
        Assert.Empty(update.Inside);
    }

    [Fact]
    public void Next_StillInside_NoTransition()
    {
        var previous = new Fix(new GeoPoint(52.0, 4.05), T0);
        var update = GeofenceMembership.Next(Index, ["yard"], previous, new Fix(new GeoPoint(52.01, 4.06), T0.AddMinutes(1)), Hysteresis);

        Assert.Empty(update.Transitions);
        Assert.Equal(["yard"], update.Inside);
    }
}
