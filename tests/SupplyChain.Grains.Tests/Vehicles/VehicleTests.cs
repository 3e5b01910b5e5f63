using System.Globalization;
using SupplyChain.Contracts.Events;
using SupplyChain.Domain;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Shipments;
using SupplyChain.Domain.Vehicles;
using SupplyChain.Grains.Vehicles;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>What one ping does to a vehicle's rules: no cluster, no storage.</summary>
public sealed class VehicleTests
{
    private static readonly TrackingOptions Options = new();
    private static readonly PingPlausibility Plausibility = new(Options.MaxPlausibleSpeedKmh, Options.MaxAccuracyM);
    private const int HeldFixes = 4;
    private static readonly GeofenceIndex Yard = new([Circle("yard", 52.0, 5.0, 500, "Restricted")]);

    [Fact]
    public void FirstFix_Accepted_RaisesNothingAndNeedsNoWriteOfItsOwn()
    {
        var truck = Restored("TRK-1");

        var applied = truck.Apply(Ping("TRK-1", 51.9, 4.9, T0), GeofenceIndex.Empty, Options, Plausibility);

        Assert.True(applied.Accepted);
        Assert.Empty(applied.Raised);
        Assert.Null(applied.Fix);
        Assert.False(applied.Meaningful);
        Assert.Equal(T0, truck.Summary()!.Location.At);
    }

    [Fact]
    public void SamePingTwice_SecondIgnoredAsDuplicateAndCounted()
    {
        var truck = Restored("TRK-1");
        var ping = Ping("TRK-1", 51.9, 4.9, T0);

        truck.Apply(ping, GeofenceIndex.Empty, Options, Plausibility);
        var again = truck.Apply(ping, GeofenceIndex.Empty, Options, Plausibility);

        Assert.False(again.Accepted);
        Assert.Equal(1, truck.View()!.IgnoredPings["duplicate"]);
    }

    [Fact]
    public void EnteringRestrictedFence_WhileCarrying_RaisesEnteredAndBreachWithIdsOfTheCause()
    {
        var truck = Restored("TRK-1");
        truck.Carry("1Z1", Open(T0));
        truck.Apply(Ping("TRK-1", 51.9, 5.0, T0, "p1"), Yard, Options, Plausibility);

        var applied = truck.Apply(Ping("TRK-1", 52.0, 5.0, T0.AddMinutes(10), "p2"), Yard, Options, Plausibility);

        Assert.True(applied.Meaningful);
        Assert.Equal([EventTypes.GeofenceEntered, EventTypes.GeofenceBreached], applied.Raised.Select(e => e.Type));
        var breach = Assert.Single(applied.ForShipments!);
        Assert.Equal(EventTypes.GeofenceBreached, breach.Type);
        Assert.Equal(T0.AddMinutes(10), applied.Fix!.At);
        Assert.Equal(["yard"], truck.View()!.InsideGeofences);

        // The same cause gives the same ids, so a vehicle read afresh that applies the ping again raises the copies consumers drop.
        var replayed = Restored("TRK-1");
        replayed.Carry("1Z1", Open(T0));
        replayed.Apply(Ping("TRK-1", 51.9, 5.0, T0, "p1"), Yard, Options, Plausibility);
        var again = replayed.Apply(Ping("TRK-1", 52.0, 5.0, T0.AddMinutes(10), "p2"), Yard, Options, Plausibility);
        Assert.Equal(applied.Raised.Select(e => e.Id), again.Raised.Select(e => e.Id));
    }

    [Fact]
    public void AVisitToAFacility_ArrivesAfterTheDwellAndDeparts_NamingTheLoad_AndIsStoredAcrossARestore()
    {
        var hub = new GeofenceIndex([Circle("AMS-1", 52.0, 5.0, 300, "Depot")]);
        var truck = Restored("TRK-1");
        truck.Carry("1Z1", Open(T0));
        truck.Apply(Ping("TRK-1", 51.98, 5.0, T0, "p0"), hub, Options, Plausibility);
        truck.Apply(Ping("TRK-1", 52.0, 5.0, T0.AddMinutes(1), "p1"), hub, Options, Plausibility);

        var arrived = truck.Apply(Ping("TRK-1", 52.0, 5.0005, T0.AddMinutes(3), "p2"), hub, Options, Plausibility);

        Assert.True(arrived.Meaningful);
        var arrival = Assert.Single(arrived.ForShipments!);
        Assert.Equal(EventTypes.VehicleArrived, arrival.Type);
        Assert.Equal(T0.AddMinutes(1), arrival.Time);
        Assert.Contains("\"facilityId\":\"AMS-1\"", arrival.Data, StringComparison.Ordinal);
        Assert.Contains("\"trackingNumbers\":[\"1Z1\"]", arrival.Data, StringComparison.Ordinal);

        // Stored and read afresh mid-visit: the departure still comes, with the whole time inside.
        var restored = new Vehicle("TRK-1", truck.State, HeldFixes);
        var departed = restored.Apply(Ping("TRK-1", 51.98, 5.0, T0.AddMinutes(20), "p3"), hub, Options, Plausibility);

        var departure = Assert.Single(departed.ForShipments!, e => e.Type == EventTypes.VehicleDeparted);
        Assert.Contains("\"dwellSeconds\":", departure.Data, StringComparison.Ordinal);
        Assert.Null(restored.State.FacilityVisits);
    }

    [Fact]
    public void RecentPings_WrittenAndRestored_StillCaughtAsDuplicates()
    {
        var truck = Restored("TRK-1");
        var ping = Ping("TRK-1", 51.9, 4.9, T0);
        truck.Apply(ping, GeofenceIndex.Empty, Options, Plausibility);
        truck.PrepareWrite();
        var written = truck.State.RecentPingKeys.ToList();
        truck.Written();
        Assert.Empty(truck.State.RecentPingKeys);

        var read = new Vehicle("TRK-1", new VehicleState { RecentPingKeys = written, Location = truck.State.Location }, HeldFixes);

        Assert.False(read.Apply(ping, GeofenceIndex.Empty, Options, Plausibility).Accepted);
    }

    [Fact]
    public void LoadedAtT_FixesBeforeT_NotTheShipments_FromTOn_Theirs()
    {
        var truck = Restored("TRK-1");
        truck.Carry("1Z1", Open(T0.AddMinutes(5)));

        Assert.Empty(truck.ShipmentsAt(T0.AddMinutes(4)));
        Assert.Equal(["1Z1"], truck.ShipmentsAt(T0.AddMinutes(5)));
    }

    [Fact]
    public void BoundBeforeTheBindingTimeWasKept_TakesEveryFix()
    {
        var stored = new VehicleState { Shipments = ["1Z1"] };
        var truck = new Vehicle("TRK-1", stored, HeldFixes);

        Assert.Equal(["1Z1"], truck.ShipmentsAt(DateTimeOffset.MinValue));
        truck.Carry("1Z2", Open(T0));
        Assert.Equal(["1Z1"], truck.ShipmentsAt(T0.AddMinutes(-1)));
    }

    [Fact]
    public void FixesIn_HeldAcceptedFixesOnly_WithTheirAlerts()
    {
        var truck = Restored("TRK-1");
        truck.Apply(Ping("TRK-1", 51.9, 4.9, T0, "p0"), GeofenceIndex.Empty, Options, Plausibility);
        truck.Apply(Ping("TRK-1", 51.9, 4.9, T0, "p0"), GeofenceIndex.Empty, Options, Plausibility);
        truck.Apply(Ping("TRK-1", 51.91, 4.9, T0.AddMinutes(1), "p1"), GeofenceIndex.Empty, Options, Plausibility);

        var fixes = truck.FixesIn(Open(T0));

        Assert.Equal([T0, T0.AddMinutes(1)], fixes.Select(f => f.Fix.At));
        Assert.All(fixes, f => Assert.Null(f.Alerts));
        Assert.Equal("TRK-1", fixes[0].Fix.VehicleId);
    }

    [Fact]
    public void Released_NoLongerCarried_BindingTimeForgotten()
    {
        var truck = Restored("TRK-1");
        truck.Carry("1Z1", Open(T0));

        Assert.True(truck.Release("1Z1"));
        Assert.False(truck.Release("1Z1"));
        Assert.Empty(truck.State.Shipments);
        Assert.Null(truck.State.ShipmentsSince);
    }

    [Fact]
    public void Ended_OffBoard_LateFixesInTheSpellStillTheShipments()
    {
        var truck = Restored("TRK-1");
        truck.Carry("1Z1", Open(T0));

        Assert.True(truck.Carry("1Z1", new CarriedSpell("TRK-1", T0, T0.AddMinutes(30))));
        Assert.False(truck.Carry("1Z1", new CarriedSpell("TRK-1", T0, T0.AddMinutes(30))));

        Assert.Empty(truck.State.Shipments);
        Assert.Equal(["1Z1"], truck.ShipmentsAt(T0.AddMinutes(29)));
        Assert.Empty(truck.ShipmentsAt(T0.AddMinutes(30)));
        Assert.Empty(truck.ShipmentsAt(T0.AddMinutes(-1)));
    }

    [Fact]
    public void EndedSpells_Bounded_EarliestEndForgottenFirst()
    {
        var van = Restored("VAN-1");
        for (var i = 0; i <= Vehicle.EndedSpellLimit; i++)
        {
            van.Carry($"1Z{i}", new CarriedSpell("VAN-1", T0, T0.AddMinutes(i + 1)));
        }

        Assert.Equal(Vehicle.EndedSpellLimit, van.State.EndedSpells!.Count);
        Assert.DoesNotContain("1Z0", van.ShipmentsAt(T0));
        Assert.Contains("1Z1", van.ShipmentsAt(T0));
    }

    [Fact]
    public void LoadedAgain_AfterAnEndedSpell_OnBoardWithTheNewSpell()
    {
        var truck = Restored("TRK-1");
        truck.Carry("1Z1", new CarriedSpell("TRK-1", T0, T0.AddMinutes(10)));

        Assert.True(truck.Carry("1Z1", Open(T0.AddMinutes(20))));

        Assert.Equal(["1Z1"], truck.State.Shipments);
        Assert.Null(truck.State.EndedSpells);
        Assert.Empty(truck.ShipmentsAt(T0.AddMinutes(5)));
        Assert.Equal(["1Z1"], truck.ShipmentsAt(T0.AddMinutes(20)));
    }

    private static CarriedSpell Open(DateTimeOffset since) => new("TRK-1", since, null);

    [Fact]
    public void NeverReported_NoViewNoSummary()
    {
        var truck = Restored("TRK-1");

        Assert.Null(truck.View());
        Assert.Null(truck.Summary());
    }

    private static Vehicle Restored(string id) => new(id, new VehicleState(), HeldFixes);

    private static Geofence Circle(string id, double lat, double lon, double radiusM, string kind)
    {
        var result = GeofenceReader.Read(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"type":"Feature","id":"{{{id}}}","geometry":{"type":"Point","coordinates":[{{{lon}}},{{{lat}}}]},"properties":{"kind":"{{{kind}}}","radiusM":{{{radiusM}}}}}"""));
        Assert.True(result.Succeeded, result.Error?.Reason);
        return result.Geofence;
    }
}
