using System.Diagnostics;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Motion;
using SupplyChain.Domain.Vehicles;
using SupplyChain.Grains.Events;
using SupplyChain.Grains.Telemetry;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// One vehicle as its <see cref="Fleet"/> holds it: the state it stores and the keys of its recent
/// pings. For each ping it asks <see cref="PingPlausibility"/> whether to keep it,
/// <see cref="GeofenceMembership"/> which fences it entered or left and <see cref="MotionDetector"/>
/// whether it stopped, and says what that raised and whether it is worth a storage write. It makes
/// no call and does no I/O; its fleet hands the events on and writes the state. Not thread safe:
/// its fleet runs one operation of a vehicle at a time.
/// </summary>
internal sealed class Vehicle
{
    /// <summary>How many ping keys a vehicle remembers; older copies are caught as stale.</summary>
    internal const int RecentPingLimit = 64;

    private RecentEventIds _recent = new(RecentPingLimit);

    /// <summary>A vehicle not yet read from storage; <see cref="Restore"/> it once it is.</summary>
    public Vehicle(string id, long savedAt)
    {
        Id = id;
        SavedAt = savedAt;
        LastPingAt = savedAt;
    }

    public string Id { get; }

    /// <summary>The state as storage has it, with the ETag of the last read or write.</summary>
    public GrainState<VehicleState> Stored { get; } = new(new VehicleState());

    /// <remarks>Never null: it starts empty, and <see cref="Restore"/> replaces a missing record with an empty one.</remarks>
    public VehicleState State => Stored.State!;

    /// <summary>The vehicle's latest operation: the next one starts when it is done.</summary>
    public Task Pending { get; set; } = Task.CompletedTask;

    /// <summary>Fixes waiting for the hand-off to the shipments that were on board (see <see cref="Fleet"/>).</summary>
    public List<QueuedFix> QueuedFixes { get; } = [];

    /// <summary>Whether a hand-off of queued fixes is out.</summary>
    public bool PassingFixes { get; set; }

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) the state was last written or read.</summary>
    public long SavedAt { get; set; }

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) the vehicle's latest ping came, or it was taken up.</summary>
    public long LastPingAt { get; set; }

    /// <summary>Whether the state changed since it was last written or read.</summary>
    public bool Unwritten { get; private set; }

    /// <summary>Takes up the state just read from storage.</summary>
    public void Restore()
    {
        Stored.State ??= new VehicleState();
        _recent = new RecentEventIds(RecentPingLimit, State.RecentPingKeys);
        // The ring holds the keys from here on; the state gets a copy only for each write (PrepareWrite).
        State.RecentPingKeys = [];
    }

    /// <summary>Copies the ring into the state for a write.</summary>
    public void PrepareWrite() => State.RecentPingKeys = [.. _recent.Keys];

    /// <summary>After a write (or a failed one): drops the ring's copy, which a large fleet would otherwise keep twice.</summary>
    public void Written(long at)
    {
        State.RecentPingKeys = [];
        SavedAt = at;
        Unwritten = false;
    }

    /// <summary>Applies <paramref name="ping"/> against <paramref name="fences"/>.</summary>
    public PingApplied Apply(PingReceived ping, GeofenceIndex fences, TrackingOptions options, PingPlausibility plausibility)
    {
        Unwritten = true;
        var key = RecentEventIds.KeyOf(ping.Source, ping.Id);
        var fix = new Fix(ping.Position, ping.Time);
        Fix? previous = State.Location is { } l ? new Fix(l.Position, l.At) : null;
        var verdict = _recent.Contains(key) ? PingVerdict.Duplicate : plausibility.Judge(previous, fix, ping.AccuracyM);
        _recent.Remember(key);
        if (verdict != PingVerdict.Accepted)
        {
            var reason = verdict.ToString().ToLowerInvariant();
            State.IgnoredPings[reason] = State.IgnoredPings.GetValueOrDefault(reason) + 1;
            TrackingTelemetry.PingIgnored(reason);
            return PingApplied.Ignored;
        }

        var lookupStarted = Stopwatch.GetTimestamp();
        var membership = GeofenceMembership.Next(fences, State.InsideGeofences, previous, fix, options.GeofenceHysteresisM);
        TrackingTelemetry.GeofenceLookedUp(Stopwatch.GetElapsedTime(lookupStarted));
        var motion = MotionDetector.Next(State.Motion, fix, membership.InsideDepot, options);
        // A vehicle's very first fix is not a stop ending: the checkpoint interval stores it, which keeps
        // a fleet's first minutes from costing one storage write per vehicle.
        var stopBeganOrEnded = State.Motion.LastFix is not null && motion.State.Moving != State.Motion.Moving;
        var meaningful = membership.Transitions.Count > 0 || motion.NoMovement is not null || stopBeganOrEnded;

        State.Location = new PositionAt(ping.Position, ping.Time);
        State.SpeedKmh = ping.SpeedKmh;
        State.HeadingDeg = ping.HeadingDeg;
        if (membership.Transitions.Count > 0 || membership.Inside.Count != State.InsideGeofences.Count)
        {
            State.InsideGeofences = [.. membership.Inside];
        }

        State.Motion = motion.State;

        // Most pings raise nothing and reach no shipment: the cause string and the lists are made only when needed.
        string? cause = null;
        string Cause() => cause ??= OutboundEventId.CauseOf(ping.Source, ping.Id);
        List<OutboundEvent>? raised = null;
        List<OutboundEvent>? forShipments = null;
        foreach (var transition in membership.Transitions)
        {
            (raised ??= []).Add(Crossed(transition, Cause()));
            if (transition.IsBreach)
            {
                (forShipments ??= []).Add(Breached(transition, Cause()));
            }
        }

        if (motion.NoMovement is { } stop)
        {
            (forShipments ??= []).Add(NoMovement(stop, Cause()));
        }

        if (forShipments is not null)
        {
            (raised ??= []).AddRange(forShipments);
        }

        var fixForShipments = State.Shipments.Count == 0
            ? null
            : new VehicleFix(Id, ping.Position, ping.Time, ping.SpeedKmh, ping.HeadingDeg, Cause(), motion.State.Moving)
            {
                TraceParent = Activity.Current?.Id ?? ping.TraceParent,
                TraceState = Activity.Current?.TraceStateString ?? ping.TraceState,
            };
        return new PingApplied(true, raised is null ? [] : raised, fixForShipments, forShipments, meaningful);
    }

    /// <summary>The vehicle as the API shows it, or null when it never reported and carries nothing.</summary>
    public VehicleView? View() =>
        State.Location is null && State.Shipments.Count == 0
            ? null
            : new VehicleView(
                Id, State.Location, State.SpeedKmh, State.HeadingDeg, State.Motion.Moving, State.Motion.StoppedSince,
                [.. State.InsideGeofences], TrackingNumbersOnBoard(), new Dictionary<string, long>(State.IgnoredPings));

    /// <summary>The vehicle as the fleet list shows it, or null before its first accepted fix.</summary>
    public VehicleSummary? Summary() =>
        State.Location is { } location ? new VehicleSummary(Id, location, State.SpeedKmh, State.HeadingDeg, State.Motion.Moving) : null;

    private OutboundEvent Crossed(GeofenceTransition t, string cause) => OutboundEventFactory.Create(
        t.Transition == GeofenceTransitionKind.Entered ? EventTypes.GeofenceEntered : EventTypes.GeofenceExited,
        EventTypes.VehicleSource(Id), Id, cause + "\n" + t.GeofenceId, t.At,
        new GeofenceCrossedData(Id, t.GeofenceId, new LatLon(t.Location.Lat, t.Location.Lon), t.At),
        OutboundJsonContext.Default.GeofenceCrossedData);

    private OutboundEvent Breached(GeofenceTransition t, string cause) => OnBoard(OutboundEventFactory.Create(
        EventTypes.GeofenceBreached, EventTypes.VehicleSource(Id), Id, cause + "\n" + t.GeofenceId, t.At,
        new GeofenceBreachedData(Id, TrackingNumbersOnBoard(), t.GeofenceId, nameof(GeofenceBreachReason.EnteredRestricted),
            new LatLon(t.Location.Lat, t.Location.Lon), t.At),
        OutboundJsonContext.Default.GeofenceBreachedData));

    private OutboundEvent NoMovement(NoMovementDetected stop, string cause) => OnBoard(OutboundEventFactory.Create(
        EventTypes.NoMovementDetected, EventTypes.VehicleSource(Id), Id, cause, stop.At,
        new NoMovementDetectedData(Id, TrackingNumbersOnBoard(), new LatLon(stop.Location.Lat, stop.Location.Lon), stop.Since,
            (long)stop.Duration.TotalSeconds),
        OutboundJsonContext.Default.NoMovementDetectedData));

    /// <summary>What readers call the shipments on board: the vehicle carries their keys.</summary>
    private string[] TrackingNumbersOnBoard() => [.. State.Shipments.Select(ShipmentKey.TrackingNumberOf)];

    /// <summary>An event that names the shipments on board, with their keys when a tracking number alone does not tell them apart.</summary>
    private OutboundEvent OnBoard(OutboundEvent e) =>
        State.Shipments.Exists(k => ShipmentKey.TrackingNumberOf(k) != k) ? e with { Shipments = [.. State.Shipments] } : e;
}
