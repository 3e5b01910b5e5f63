using System.Globalization;
using SupplyChain.Contracts.Events;
using SupplyChain.Domain;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Vehicles;
using SupplyChain.Grains.Vehicles;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>What one ping does to a vehicle held by its partition: no cluster, no storage.</summary>
public sealed class VehicleTests
{
    private static readonly TrackingOptions Options = new();
    private static readonly PingPlausibility Plausibility = new(Options.MaxPlausibleSpeedKmh, Options.MaxAccuracyM);
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
        truck.State.Shipments.Add("1Z1");
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
        replayed.State.Shipments.Add("1Z1");
        replayed.Apply(Ping("TRK-1", 51.9, 5.0, T0, "p1"), Yard, Options, Plausibility);
        var again = replayed.Apply(Ping("TRK-1", 52.0, 5.0, T0.AddMinutes(10), "p2"), Yard, Options, Plausibility);
        Assert.Equal(applied.Raised.Select(e => e.Id), again.Raised.Select(e => e.Id));
    }

    [Fact]
    public void RecentPings_WrittenAndRestored_StillCaughtAsDuplicates()
    {
        var truck = Restored("TRK-1");
        var ping = Ping("TRK-1", 51.9, 4.9, T0);
        truck.Apply(ping, GeofenceIndex.Empty, Options, Plausibility);
        truck.PrepareWrite();
        var written = truck.State.RecentPingKeys.ToList();
        truck.Written(0);
        Assert.Empty(truck.State.RecentPingKeys);

        var read = new Vehicle("TRK-1", 0);
        read.Stored.State = new VehicleState { RecentPingKeys = written, Location = truck.State.Location };
        read.Restore();

        Assert.False(read.Apply(ping, GeofenceIndex.Empty, Options, Plausibility).Accepted);
    }

    [Fact]
    public void NeverReported_NoViewNoSummary()
    {
        var truck = Restored("TRK-1");

        Assert.Null(truck.View());
        Assert.Null(truck.Summary());
    }

    private static Vehicle Restored(string id)
    {
        var vehicle = new Vehicle(id, 0);
        vehicle.Restore();
        return vehicle;
    }

    private static Geofence Circle(string id, double lat, double lon, double radiusM, string kind)
    {
        var result = GeofenceReader.Read(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"type":"Feature","id":"{{{id}}}","geometry":{"type":"Point","coordinates":[{{{lon}}},{{{lat}}}]},"properties":{"kind":"{{{kind}}}","radiusM":{{{radiusM}}}}}"""));
        Assert.True(result.Succeeded, result.Error?.Reason);
        return result.Geofence;
    }
}
