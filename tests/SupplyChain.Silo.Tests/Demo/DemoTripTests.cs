using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Silo.Demo;

namespace SupplyChain.Silo.Tests.Demo;

/// <summary>The demo's scripted trips as replayed, without a silo: what the platform's rules will be given.</summary>
public sealed class DemoTripTests
{
    private static readonly DateTimeOffset Slot = DemoTrip.SlotOf(new DateTimeOffset(2026, 12, 4, 16, 20, 0, TimeSpan.Zero));

    public static TheoryData<string> Trips => [.. DemoTrips.All.Select(t => t.Code)];

    [Fact]
    public void SlotOf_AnyTime_StartOfItsThreeHours() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero), Slot);

    [Theory]
    [MemberData(nameof(Trips))]
    public void Replay_WholeTrip_InThePastInOrderAndPlausible(string code)
    {
        var trip = DemoTrips.All.Single(t => t.Code == code);
        var events = Replay(trip, TimeSpan.FromSeconds(30));

        Assert.All(events, e => Assert.True(e.Time <= Slot, $"{e.Id} at {e.Time:O} is after the slot's start"));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var pings = events.OfType<PingReceived>().ToList();
        Assert.Equal(Slot, pings[^1].Time);
        for (var i = 1; i < pings.Count; i++)
        {
            Assert.True(pings[i].Time > pings[i - 1].Time, $"ping {i} is not later than the one before");
            var kmh = GreatCircle.DistanceMeters(pings[i - 1].Position, pings[i].Position) / 1000 / (pings[i].Time - pings[i - 1].Time).TotalHours;
            Assert.True(kmh < 120, $"ping {i} implies {kmh:F0} km/h");
        }

        var scans = events.OfType<ScanReceived>().ToList();
        Assert.Equal(trip.Scans.Count, scans.Count);
        Assert.Equal(scans.OrderBy(s => s.Time).Select(s => s.Id), scans.Select(s => s.Id));
        Assert.Equal(ScanType.Delivered, scans[^1].ScanType);
        Assert.NotNull(scans[^1].Proof);
        Assert.True(GreatCircle.DistanceMeters(pings[^1].Position, trip.Destination.Location) < trip.Destination.RadiusM);
    }

    [Fact]
    public void Replay_SameSlotTwice_SameIds()
    {
        // A silo restarted within the slot sends the same events: the platform drops them as duplicates.
        var first = Replay(DemoTrips.Delayed, TimeSpan.FromMinutes(1));
        var again = Replay(DemoTrips.Delayed, TimeSpan.FromMinutes(1));

        Assert.Equal(first.Select(e => (e.Id, e.Time)), again.Select(e => (e.Id, e.Time)));
    }

    [Fact]
    public void Replay_NextSlot_NewShipmentAfterTheTrucksLastFix()
    {
        var next = Slot + DemoTrip.SlotLength;
        var before = Replay(DemoTrips.Delayed, TimeSpan.FromMinutes(1));
        var after = new DemoTripRun(DemoTrips.Delayed, next, TimeSpan.FromMinutes(1));

        Assert.NotEqual(DemoTrips.Delayed.TrackingNumber(Slot), after.TrackingNumber);
        Assert.True(after.Start > before.OfType<PingReceived>().Last().Time);
    }

    [Fact]
    public void Plan_Delayed_PromiseShorterThanTheTripWithItsPlannedStop()
    {
        var start = Slot - DemoTrips.Delayed.Duration;
        var plan = DemoTrips.Delayed.Plan(start);

        Assert.True(plan.PromisedBy < Slot - TimeSpan.FromMinutes(30), "the promise must be missed by more than the at-risk margin");
        var stop = Assert.Single(plan.Stops!);
        Assert.Equal(DemoTrips.VenloHub.Id, stop.FacilityId);
        Assert.Equal(DemoTrips.MoenchengladbachDc.Id, plan.DestinationFacilityId);
    }

    private static List<InboundEvent> Replay(DemoTrip trip, TimeSpan timePerTick)
    {
        var run = new DemoTripRun(trip, Slot, timePerTick);
        var events = new List<InboundEvent>();
        while (!run.Finished)
        {
            run.Next(events);
        }

        return events;
    }
}
