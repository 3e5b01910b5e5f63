using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;
using SupplyChain.Domain.Shipments;
using Xunit;

namespace SupplyChain.Domain.Tests.Shipments;

public sealed class ShipmentTests
{
    private const string Truck = "TRUCK-17";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TrackingOptions Options = new();
    private static readonly GeoPoint Origin = new(52.0, 5.0);

    // 60 km due north along the meridian: at the cruising 60 km/h the trip takes an hour.
    private static readonly GeoPoint Destination = North(60_000);
    private static readonly TripPlan Plan = new(new Route([Origin, Destination]), Destination, 1_000, 300);

    private static GeoPoint North(double meters) => GreatCircle.Destination(Origin, 0, meters);

    private static GeoPoint EastOfRoute(double northM, double eastM) => GreatCircle.Destination(North(northM), Math.PI / 2, eastM);

    private static ShipmentScan Scan(ScanType type, DateTimeOffset at, GeoPoint? where = null, string? vehicle = null) =>
        new(type, at, where, null, vehicle, null);

    private static CarrierFix Fix(GeoPoint where, DateTimeOffset at, string vehicle = Truck, bool moving = true) =>
        new(vehicle, new Fix(where, at), moving);

    /// <summary>A shipment on the truck since <see cref="T0"/>, with the trip plan.</summary>
    private static Shipment OnTruck()
    {
        var shipment = new Shipment([]) { Plan = Plan };
        shipment.ApplyScan(Scan(ScanType.LoadedOnVehicle, T0, Origin, Truck), Now);
        return shipment;
    }

    [Fact]
    public void ApplyScan_FirstScan_MovesStatusFromPendingAndTakesItsPosition()
    {
        var shipment = new Shipment([]);

        var applied = shipment.ApplyScan(Scan(ScanType.PickedUp, T0, Origin), Now);

        Assert.True(applied.StatusChanged);
        Assert.Equal(ShipmentStatus.Pending, applied.Decision.Previous);
        Assert.Equal(ShipmentStatus.InTransit, shipment.Status);
        Assert.Equal(ScanType.PickedUp, shipment.StatusDetail);
        Assert.Equal(T0, shipment.StatusSince);
        Assert.Equal(new Fix(Origin, T0), shipment.Location);
        Assert.Equal(Now, shipment.LastActivityAt);
    }

    [Fact]
    public void ApplyScan_OlderThanStatus_KeepsStatusButFilesScanInEventTimeOrder()
    {
        var shipment = new Shipment([]);
        shipment.ApplyScan(Scan(ScanType.OutForDelivery, T0.AddHours(2)), Now);

        var applied = shipment.ApplyScan(Scan(ScanType.PickedUp, T0), Now);

        Assert.Equal(StatusRefusal.OlderThanCurrent, applied.Decision.Refusal);
        Assert.False(applied.StatusChanged);
        Assert.Equal(ShipmentStatus.OutForDelivery, shipment.Status);
        Assert.Equal([ScanType.PickedUp, ScanType.OutForDelivery], shipment.Scans.Select(s => s.ScanType));
    }

    [Fact]
    public void ApplyScan_DeliveredWithoutPosition_IsDeliveredWhereLastKnown()
    {
        var shipment = OnTruck();
        shipment.ApplyFix(Fix(North(10_000), T0.AddMinutes(10)), Options, Now);

        var applied = shipment.ApplyScan(Scan(ScanType.Delivered, T0.AddMinutes(20)), Now);

        Assert.True(applied.Delivered);
        Assert.Equal(North(10_000), applied.Where);
        Assert.True(shipment.Ended);
        Assert.Null(shipment.Carrier);
    }

    [Fact]
    public void ApplyScan_SameStatusAgain_AppliesWithoutChange()
    {
        var shipment = new Shipment([]);
        shipment.ApplyScan(Scan(ScanType.PickedUp, T0), Now);

        var applied = shipment.ApplyScan(Scan(ScanType.ArrivedAtFacility, T0.AddHours(1)), Now);

        Assert.True(applied.Decision.Applies);
        Assert.False(applied.StatusChanged);
        Assert.Equal(ScanType.ArrivedAtFacility, shipment.StatusDetail);
    }

    [Fact]
    public void ApplyScan_BeyondLimit_KeepsFirstAndLatestScans()
    {
        var shipment = new Shipment([]);
        for (var i = 0; i < Shipment.ScanLimit + 10; i++)
        {
            shipment.ApplyScan(Scan(ScanType.ArrivedAtFacility, T0.AddMinutes(i)), Now);
        }

        Assert.Equal(Shipment.ScanLimit, shipment.Scans.Count);
        Assert.Equal(T0, shipment.Scans[0].At);
        Assert.Equal(T0.AddMinutes(11), shipment.Scans[1].At);
        Assert.Equal(T0.AddMinutes(Shipment.ScanLimit + 9), shipment.Scans[^1].At);
    }

    [Fact]
    public void ApplyFix_InsideSpell_IsTakenAndMovesTheShipment()
    {
        var shipment = OnTruck();
        var later = Now.AddMinutes(5);

        var applied = shipment.ApplyFix(Fix(North(5_000), T0.AddMinutes(5)), Options, later);

        Assert.True(applied.Taken);
        Assert.True(applied.Moved);
        Assert.Equal(new Fix(North(5_000), T0.AddMinutes(5)), shipment.Location);
        Assert.Equal(T0.AddMinutes(5), shipment.TripFixAt);
        Assert.Equal(later, shipment.LastActivityAt);
        Assert.Equal(Truck, shipment.Carrier);
    }

    [Theory]
    [InlineData("VAN-3", 5)]
    [InlineData(Truck, -5)]
    [InlineData(Truck, 90)]
    public void ApplyFix_OutsideSpells_IsNotTaken(string vehicle, int minutes)
    {
        var shipment = OnTruck();
        shipment.ApplyScan(Scan(ScanType.UnloadedFromVehicle, T0.AddMinutes(60)), Now);

        var applied = shipment.ApplyFix(Fix(North(5_000), T0.AddMinutes(minutes), vehicle), Options, Now.AddHours(1));

        Assert.Equal(FixApplied.NotTaken, applied);
        Assert.Equal(new Fix(Origin, T0), shipment.Location);
        Assert.Equal(Now, shipment.LastActivityAt);
    }

    [Fact]
    public void ApplyFix_OlderThanOneTaken_IsNotTaken()
    {
        var shipment = OnTruck();
        shipment.ApplyFix(Fix(North(10_000), T0.AddMinutes(10)), Options, Now);

        var applied = shipment.ApplyFix(Fix(North(5_000), T0.AddMinutes(5)), Options, Now);

        Assert.False(applied.Taken);
        Assert.Equal(North(10_000), shipment.Location!.Value.Location);
    }

    [Fact]
    public void ApplyScan_LateUnloadBeforeTakenFix_FallsBackToLatestScanPosition()
    {
        var shipment = OnTruck();
        shipment.ApplyFix(Fix(North(30_000), T0.AddMinutes(30)), Options, Now);

        shipment.ApplyScan(Scan(ScanType.UnloadedFromVehicle, T0.AddMinutes(20)), Now);

        Assert.Equal(new Fix(Origin, T0), shipment.Location);
    }

    [Fact]
    public void ApplyFix_PlanWithStops_EtaCountsTheirDwellUntilTheVehicleLeavesThem()
    {
        var shipment = OnTruck();
        shipment.Replan(Plan with { Stops = [new PlannedStop(North(20_000), TimeSpan.FromMinutes(30), "HUB")] });

        shipment.ApplyFix(Fix(North(10_000), T0.AddMinutes(10)), Options, Now);
        var withStop = shipment.Eta.Eta!.Value;
        var reached = shipment.ApplyFacilityMovement(FacilityMovementKind.Arrived, "HUB", T0.AddMinutes(20), null);
        var left = shipment.ApplyFacilityMovement(FacilityMovementKind.Departed, "HUB", T0.AddMinutes(30), TimeSpan.FromMinutes(10));
        shipment.ApplyFix(Fix(North(20_000), T0.AddMinutes(31), moving: false), Options, Now);

        // 50 km at the cruising 60 km/h from 08:10, plus the stop's 30 minutes.
        Assert.Equal(T0.AddMinutes(90), withStop, TimeSpan.FromSeconds(5));
        Assert.True(reached);
        Assert.True(left);
        Assert.Equal([new StopVisit(0, T0.AddMinutes(20), T0.AddMinutes(30))], shipment.StopProgress.Visits);
        // Left after 10 of its 30 minutes: nothing of its dwell is counted any more, 40 km from 08:31.
        Assert.Equal(T0.AddMinutes(71), shipment.Eta.Eta!.Value, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Replan_KeepsVisitsWhileTheStopsStay_AndDropsThemWhenTheStopsChange()
    {
        var shipment = OnTruck();
        var withHub = Plan with { Stops = [new PlannedStop(North(20_000), TimeSpan.FromMinutes(30), "HUB")] };
        shipment.Replan(withHub);
        shipment.ApplyFacilityMovement(FacilityMovementKind.Arrived, "HUB", T0.AddMinutes(20), null);

        shipment.Replan(withHub with { PromisedBy = T0.AddHours(3), Stops = [.. withHub.Stops] });
        var kept = shipment.StopProgress.Visits.Count;
        shipment.Replan(withHub with { Stops = [new PlannedStop(North(30_000), null, "DEPOT")] });

        Assert.Equal(1, kept);
        Assert.Empty(shipment.StopProgress.Visits);
    }

    [Fact]
    public void ApplyFix_WithoutPlan_DecidesNothing()
    {
        var shipment = new Shipment([]);
        shipment.ApplyScan(Scan(ScanType.LoadedOnVehicle, T0, vehicle: Truck), Now);

        var applied = shipment.ApplyFix(Fix(EastOfRoute(5_000, 5_000), T0.AddMinutes(5)), Options, Now);

        Assert.True(applied.Taken);
        Assert.False(applied.Raised);
        Assert.False(applied.Changed);
    }

    [Fact]
    public void ApplyFix_EtaMovesLessThanThreshold_NotRecalculatedThenMovesMore_Recalculated()
    {
        var shipment = OnTruck();

        var first = shipment.ApplyFix(Fix(Origin, T0.AddSeconds(1)), Options, Now);
        // On schedule at 60 km/h: the estimate stays where it was.
        var onTime = shipment.ApplyFix(Fix(North(20_000), T0.AddMinutes(20).AddSeconds(1)), Options, Now);
        // Twenty minutes standing still: the estimate slips by about as much.
        var stalled = shipment.ApplyFix(Fix(North(20_000), T0.AddMinutes(40), moving: false), Options, Now);

        Assert.NotNull(first.Recalculated);
        Assert.Null(onTime.Recalculated);
        var slipped = Assert.IsType<EtaRecalculated>(stalled.Recalculated);
        Assert.Equal(first.Recalculated.Eta, slipped.PreviousEta);
        Assert.InRange(slipped.Eta - first.Recalculated.Eta, Options.EtaChangeThreshold, TimeSpan.FromMinutes(25));
        Assert.Equal(slipped.Eta, shipment.Eta.Eta);
    }

    [Fact]
    public void ApplyFix_WithinArrivingSoonWindow_RaisesArrivingSoonOnce()
    {
        var shipment = OnTruck();

        var far = shipment.ApplyFix(Fix(Origin, T0.AddSeconds(1)), Options, Now);
        var near = shipment.ApplyFix(Fix(North(35_000), T0.AddMinutes(35).AddSeconds(1)), Options, Now);
        var nearer = shipment.ApplyFix(Fix(North(40_000), T0.AddMinutes(40).AddSeconds(1)), Options, Now);

        Assert.Null(far.ArrivingSoon);
        Assert.NotNull(near.ArrivingSoon);
        Assert.Null(nearer.ArrivingSoon);
        Assert.True(shipment.Eta.ArrivingSoonSent);
    }

    [Fact]
    public void ApplyFix_InDestinationZone_ArrivesAndStopsEstimating()
    {
        var shipment = OnTruck();
        shipment.ApplyFix(Fix(Origin, T0.AddSeconds(1)), Options, Now);

        var arrived = shipment.ApplyFix(Fix(North(59_900), T0.AddMinutes(60)), Options, Now);
        var after = shipment.ApplyFix(Fix(North(30_000), T0.AddMinutes(90), moving: false), Options, Now);

        Assert.True(arrived.Changed);
        Assert.Equal(T0.AddMinutes(60), shipment.ArrivedAt);
        Assert.True(after.Taken);
        Assert.Null(after.Recalculated);
        Assert.Equal(T0.AddMinutes(60), shipment.ArrivedAt);
    }

    [Fact]
    public void ApplyFix_LeavesCorridorAndReturnsPastHysteresis_BreachOncePerExcursion()
    {
        var shipment = OnTruck();
        // Half the 1 km corridor is 500 m; hysteresis 50 m: out beyond 550 m, back below 450 m.
        double[] eastM = [100, 800, 470, 900, 430, 100, 700];

        var steps = eastM.Select((east, i) => shipment.ApplyFix(Fix(EastOfRoute(1_000 * (i + 1), east), T0.AddMinutes(i + 1)), Options, Now)).ToList();

        Assert.Equal([false, true, false, false, false, false, true], steps.Select(s => s.Breach is not null));
        Assert.Equal([false, true, false, false, true, false, true], steps.Select(s => s.Changed));
        Assert.InRange(steps[1].Breach!.DistanceOffM, 795, 805);
        Assert.Equal(T0.AddMinutes(2), steps[1].Breach!.At);
        Assert.True(shipment.Corridor.Outside);
    }

    [Fact]
    public void ApplyFix_EtaPastPromiseByMoreThanMargin_AtRiskOnceThenBackOnTrack()
    {
        // An hour's trip promised in 40 minutes: the first estimate, about T0+60, is 20 minutes past it.
        var shipment = OnTruck();
        shipment.Plan = Plan with { PromisedBy = T0.AddMinutes(40) };

        var first = shipment.ApplyFix(Fix(Origin, T0.AddSeconds(1)), Options, Now);
        var still = shipment.ApplyFix(Fix(North(5_000), T0.AddMinutes(5)), Options, Now);
        var status = shipment.PromiseStatus;
        // The truck races: 30 km in 5 minutes brings the estimate well inside the promise.
        var fast = shipment.ApplyFix(Fix(North(35_000), T0.AddMinutes(10)), Options, Now);

        var atRisk = Assert.IsType<PromiseAtRisk>(first.Promise?.AtRisk);
        Assert.True(first.Raised);
        Assert.Equal(T0.AddMinutes(40), atRisk.PromisedBy);
        Assert.Equal(T0.AddSeconds(1), atRisk.At);
        Assert.Equal(1, atRisk.Spell);
        Assert.True(atRisk.LateBy > Options.PromiseMargin, $"late by {atRisk.LateBy}");
        Assert.Null(still.Promise?.AtRisk);
        Assert.Equal(PromiseStatus.AtRisk, status);
        var back = Assert.IsType<PromiseBackOnTrack>(fast.Promise?.BackOnTrack);
        Assert.Equal(1, back.Spell);
        Assert.True(back.Eta <= T0.AddMinutes(40) + Options.PromiseMargin - Options.PromiseHysteresis, $"eta {back.Eta}");
        Assert.Equal(PromiseStatus.OnTrack, shipment.PromiseStatus);
    }

    [Fact]
    public void ApplyFix_AfterPromiseUndelivered_BreaksItOnceDatedAtThePromise()
    {
        var shipment = OnTruck();
        shipment.Plan = Plan with { PromisedBy = T0.AddMinutes(90) };
        shipment.ApplyFix(Fix(Origin, T0.AddSeconds(1)), Options, Now);

        var before = shipment.ApplyFix(Fix(North(1_000), T0.AddMinutes(89)), Options, Now);
        var after = shipment.ApplyFix(Fix(North(2_000), T0.AddMinutes(91)), Options, Now);
        var again = shipment.ApplyFix(Fix(North(3_000), T0.AddMinutes(92)), Options, Now);

        Assert.Null(before.Promise?.Broken);
        Assert.Equal(new PromiseBroken(T0.AddMinutes(90)), after.Promise?.Broken);
        Assert.True(after.Raised);
        Assert.Null(again.Promise?.Broken);
        Assert.Null(again.Promise?.AtRisk);
        Assert.Equal(PromiseStatus.Late, shipment.PromiseStatus);
    }

    [Fact]
    public void ApplyScan_AfterPromise_BreaksItUnlessItDelivers()
    {
        var late = OnTruck();
        late.Plan = Plan with { PromisedBy = T0.AddHours(2) };
        var delivered = OnTruck();
        delivered.Plan = Plan with { PromisedBy = T0.AddHours(2) };

        var early = late.ApplyScan(Scan(ScanType.OutForDelivery, T0.AddHours(1)), Now);
        var failed = late.ApplyScan(Scan(ScanType.DeliveryAttempted, T0.AddHours(3)), Now);
        var handedOver = delivered.ApplyScan(Scan(ScanType.Delivered, T0.AddHours(3)), Now);

        Assert.Null(early.PromiseBroken);
        Assert.Equal(new PromiseBroken(T0.AddHours(2)), failed.PromiseBroken);
        Assert.Null(handedOver.PromiseBroken);
        Assert.Null(delivered.CheckPromise(Now.AddDays(1))?.Broken);
        Assert.Equal(PromiseStatus.OnTrack, delivered.PromiseStatus);
    }

    [Fact]
    public void CheckPromise_ReminderAfterPromise_BreaksOnce_ANewPromiseStartsAfresh()
    {
        var shipment = OnTruck();
        var unpromised = shipment.PromiseStatus;
        shipment.Plan = Plan with { PromisedBy = T0.AddHours(2) };

        var early = shipment.CheckPromise(T0.AddHours(1));
        var due = shipment.CheckPromise(T0.AddHours(2));
        var again = shipment.CheckPromise(T0.AddHours(3));
        var lateStatus = shipment.PromiseStatus;
        shipment.Plan = Plan with { PromisedBy = T0.AddHours(5) };
        var replanned = shipment.PromiseStatus;
        var newDue = shipment.CheckPromise(T0.AddHours(6));

        Assert.Null(unpromised);
        Assert.Null(early?.Broken);
        Assert.Equal(new PromiseBroken(T0.AddHours(2)), due?.Broken);
        Assert.Null(again?.Broken);
        Assert.Equal(PromiseStatus.Late, lateStatus);
        Assert.Equal(PromiseStatus.OnTrack, replanned);
        Assert.Equal(new PromiseBroken(T0.AddHours(5)), newDue?.Broken);
        Assert.Null(new Shipment([]).CheckPromise(T0));
    }

    [Fact]
    public void IdleAt_QuietForThreshold_DecidedOnceUntilHeardOfAgain()
    {
        var shipment = OnTruck();
        var threshold = Options.ShipmentIdleThreshold;

        var early = shipment.IdleAt(Now + threshold - TimeSpan.FromSeconds(1), threshold);
        var idle = shipment.IdleAt(Now + threshold, threshold);
        var again = shipment.IdleAt(Now + threshold + TimeSpan.FromHours(1), threshold);
        var heard = Now + threshold + TimeSpan.FromHours(2);
        shipment.ApplyFix(Fix(North(1_000), T0.AddMinutes(1)), Options, heard);
        var idleAgain = shipment.IdleAt(heard + threshold, threshold);

        Assert.Null(early);
        Assert.Equal(new IdleDetected(Now, Now + threshold, Origin), idle);
        Assert.Null(again);
        Assert.Equal(new IdleDetected(heard, heard + threshold, North(1_000)), idleAgain);
    }

    [Fact]
    public void IdleAt_Delivered_NeverIdle()
    {
        var shipment = OnTruck();
        shipment.ApplyScan(Scan(ScanType.Delivered, T0.AddHours(1)), Now);

        Assert.Null(shipment.IdleAt(Now.AddDays(30), Options.ShipmentIdleThreshold));
    }
}
