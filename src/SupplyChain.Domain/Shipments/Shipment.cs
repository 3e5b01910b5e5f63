using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;

namespace SupplyChain.Domain.Shipments;

/// <summary>
/// The rules of one shipment over what its grain stores: a scan applied moves the status
/// (<see cref="ShipmentLifecycle"/>) and the vehicle spells (<see cref="VehicleBinding"/>); a vehicle's fix
/// applied inside a spell moves the position, the route corridor (<see cref="CorridorMonitor"/>), the visits to
/// the plan's stops (<see cref="StopProgress"/>) and the ETA (<see cref="EtaEstimator"/>); the vehicle's arrivals at
/// and departures from facilities move the visits too; idleness is judged at a wall-clock time. Each says what it decided;
/// the grain turns that into outbound events, calls the vehicles and writes storage. No I/O.
/// Not thread safe: it belongs to one grain activation.
/// </summary>
public sealed class Shipment
{
    /// <summary>
    /// How many scans a shipment keeps: a parcel's journey has a few dozen, and a scanner stuck in a
    /// loop must not grow its state (and its anonymous page) without end.
    /// </summary>
    public const int ScanLimit = 100;

    private readonly List<ShipmentScan> _scans;
    private IReadOnlyList<CarriedSpell>? _spells;

    /// <summary>Takes up a shipment with the scans stored for it, in event-time order.</summary>
    public Shipment(IEnumerable<ShipmentScan> scans)
    {
        ArgumentNullException.ThrowIfNull(scans);
        _scans = [.. scans];
    }

    /// <summary>Every scan kept, in event-time order.</summary>
    public IReadOnlyList<ShipmentScan> Scans => _scans;

    /// <summary>What the plan asks to watch; null before a plan. <see cref="Replan"/> changes it once the shipment runs.</summary>
    public TripPlan? Plan { get; set; }

    /// <summary>The plan's stops the vehicle has reached and left, which the ETA counts the dwell of.</summary>
    public StopProgress StopProgress { get; set; } = StopProgress.Initial;

    public ShipmentStatus Status { get; set; } = ShipmentStatus.Pending;

    /// <summary>The scan type that set <see cref="Status"/>.</summary>
    public ScanType? StatusDetail { get; set; }

    /// <summary>Event time of the scan that set <see cref="Status"/>.</summary>
    public DateTimeOffset? StatusSince { get; set; }

    /// <summary>The latest known position: a scan's, or a carrying vehicle's fix.</summary>
    public Fix? Location { get; set; }

    public CorridorState Corridor { get; set; } = CorridorState.Initial;

    public EtaState Eta { get; set; } = EtaState.Initial;

    /// <summary>What the promise rules remember (see <see cref="DeliveryPromise"/>).</summary>
    public PromiseState Promise { get; set; } = PromiseState.Initial;

    /// <summary>
    /// Where the delivery stands against the plan's promise: null without one. A promise the rules have
    /// not seen yet (a changed plan) is on track until an estimate or the clock says otherwise.
    /// </summary>
    public PromiseStatus? PromiseStatus => Plan?.PromisedBy is not { } promise ? null
        : Promise.PromisedBy != promise ? Shipments.PromiseStatus.OnTrack
        : Promise.Late ? Shipments.PromiseStatus.Late
        : Promise.AtRisk ? Shipments.PromiseStatus.AtRisk
        : Shipments.PromiseStatus.OnTrack;

    /// <summary>Event time the vehicle first reached the destination zone.</summary>
    public DateTimeOffset? ArrivedAt { get; set; }

    /// <summary>Event time of the latest fix the corridor and the ETA took: older ones arriving late change neither.</summary>
    public DateTimeOffset? TripFixAt { get; set; }

    /// <summary>Wall-clock time of the latest scan or movement.</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>The <see cref="LastActivityAt"/> an idle alert was raised for, so it is raised once.</summary>
    public DateTimeOffset? IdleReportedFor { get; set; }

    /// <summary>The shipment's spells on vehicles, from its scans (computed again after a scan).</summary>
    public IReadOnlyList<CarriedSpell> Spells => _spells ??= VehicleBinding.Spells(_scans.Select(s => (s.ScanType, s.At, s.VehicleId)));

    /// <summary>The vehicle carrying it now: the one of an open spell.</summary>
    public string? Carrier => Spells is [.., { Until: null } open] ? open.VehicleId : null;

    /// <summary>Whether the shipment is delivered or returned: nothing moves it any more.</summary>
    public bool Ended => ShipmentLifecycle.IsTerminal(Status);

    /// <summary>
    /// Takes a new plan. Visits to the stops stay while the stops are the same; with other stops they refer
    /// to stops that may no longer be there, so they are dropped and the geometry judges the new ones.
    /// </summary>
    public void Replan(TripPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (Plan is not { } old || !old.Stops.SequenceEqual(plan.Stops))
        {
            StopProgress = StopProgress.Initial;
        }

        Plan = plan;
    }

    /// <summary>
    /// Applies the carrying vehicle's arrival at or departure from a facility, at its event time (a departure with
    /// the time spent inside, when known), to the plan's stops. True when it reached or left one of them.
    /// </summary>
    public bool ApplyFacilityMovement(FacilityMovementKind kind, string facilityId, DateTimeOffset at, TimeSpan? dwell)
    {
        ArgumentNullException.ThrowIfNull(facilityId);
        if (Plan is not { Stops.Count: > 0 } plan)
        {
            return false;
        }

        var progress = kind == FacilityMovementKind.Arrived ? StopProgress.Arrived(plan.Stops, facilityId, at) : StopProgress.Departed(plan.Stops, facilityId, at, dwell);
        var changed = progress != StopProgress;
        StopProgress = progress;
        return changed;
    }

    /// <summary>Applies one scan heard at wall-clock time <paramref name="now"/>; the caller drops redelivered copies first.</summary>
    public ScanApplied ApplyScan(ShipmentScan scan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scan);
        LastActivityAt = now;
        Insert(scan);
        if (scan.Location is { } location && (Location is null || scan.At >= Location.Value.At))
        {
            Location = new Fix(location, scan.At);
        }

        var decision = ShipmentLifecycle.Decide(Status, StatusSince, scan.ScanType, scan.At);
        if (decision.Applies)
        {
            Status = decision.Status;
            StatusDetail = scan.ScanType;
            StatusSince = scan.At;
        }

        ForgetFixOutsideSpells();
        return new ScanApplied(decision, scan.Location ?? Location?.Location) { PromiseBroken = CheckPromise(scan.At)?.Broken };
    }

    /// <summary>
    /// Applies a vehicle's fix heard at wall-clock time <paramref name="now"/>: taken only when it falls in
    /// one of the shipment's spells on that vehicle and is newer than the last one taken.
    /// </summary>
    public FixApplied ApplyFix(CarrierFix fix, TrackingOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var at = fix.Fix.At;
        if (!Spells.Any(s => s.VehicleId == fix.VehicleId && s.Covers(at)) || at <= TripFixAt)
        {
            return FixApplied.NotTaken;
        }

        TripFixAt = at;
        var moved = Location is null || at > Location.Value.At;
        if (moved)
        {
            Location = fix.Fix;
        }

        LastActivityAt = now;
        if (Plan is not { } plan)
        {
            return new FixApplied(true, moved, false, null, null, null);
        }

        FixApplied Applied(bool changed, CorridorBreach? breach, EtaStep? eta)
        {
            var promise = eta?.Estimate is { } estimate
                ? DeliveryPromise.OnEstimate(Promise, plan.PromisedBy, estimate, at, options)
                : DeliveryPromise.AtTime(Promise, plan.PromisedBy, at, Ended);
            Promise = promise.State;
            return new FixApplied(true, moved, changed, breach, eta?.Recalculated, eta?.ArrivingSoon) { Promise = promise };
        }

        var changed = false;
        var projection = plan.Route?.Project(fix.Fix.Location);
        CorridorBreach? breach = null;
        if (projection is { } onRoute)
        {
            var corridor = CorridorMonitor.Next(Corridor, onRoute, fix.Fix, plan.CorridorWidthM, options.GeofenceHysteresisM);
            changed |= corridor.State != Corridor;
            Corridor = corridor.State;
            breach = corridor.Breach;
        }

        if (plan.Destination is not { } destination || ArrivedAt is not null)
        {
            return Applied(changed, breach, null);
        }

        var etaPlan = new EtaPlan(destination, plan.DestinationRadiusM, plan.Route, plan.Stops);
        var stops = StopProgress.OnFix(etaPlan, fix.Fix, options);
        changed |= stops != StopProgress;
        StopProgress = stops;
        var eta = EtaEstimator.Next(Eta, fix.Fix, fix.Moving, etaPlan, options, projection, stops);
        Eta = eta.State;
        if (eta.Arrived is { } arrived)
        {
            ArrivedAt = arrived.At;
            changed = true;
        }

        return Applied(changed, breach, eta);
    }

    /// <summary>
    /// Checks the promise at <paramref name="now"/> (a scan's event time, or a reminder's wall-clock time
    /// standing in for traffic that does not come): set once, when the promised time passed undelivered.
    /// Null without a plan.
    /// </summary>
    public PromiseStep? CheckPromise(DateTimeOffset now)
    {
        if (Plan is not { } plan)
        {
            return null;
        }

        var step = DeliveryPromise.AtTime(Promise, plan.PromisedBy, now, Ended);
        Promise = step.State;
        return step;
    }

    /// <summary>
    /// Whether a live shipment counts as idle at wall-clock time <paramref name="now"/>: nothing heard of it
    /// for <paramref name="threshold"/>. Decided once for each quiet spell; null otherwise.
    /// </summary>
    public IdleDetected? IdleAt(DateTimeOffset now, TimeSpan threshold)
    {
        if (Ended || LastActivityAt is not { } last || now - last < threshold || IdleReportedFor == last)
        {
            return null;
        }

        IdleReportedFor = last;
        return new IdleDetected(last, now, Location?.Location);
    }

    private void Insert(ShipmentScan scan)
    {
        var index = _scans.FindLastIndex(s => s.At <= scan.At) + 1;
        _scans.Insert(index, scan);
        if (_scans.Count > ScanLimit)
        {
            // The first scan (where the journey began) and the latest ones are what a reader needs.
            _scans.RemoveAt(1);
        }

        _spells = null;
    }

    /// <summary>
    /// A fix taken while its spell seemed open, which a scan arriving later ends before it (a late
    /// delivery scan, say), was not the shipment's position after all: the latest scan's position is.
    /// </summary>
    private void ForgetFixOutsideSpells()
    {
        if (Location is { } location && location.At == TripFixAt && !Spells.Any(s => s.Covers(location.At)))
        {
            Location = _scans.LastOrDefault(s => s.Location is not null) is { Location: { } position } latest
                ? new Fix(position, latest.At)
                : null;
        }
    }
}
