using System.Diagnostics;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Motion;
using SupplyChain.Domain.Vehicles;
using SupplyChain.Grains.Events;
using SupplyChain.Grains.Geofences;
using SupplyChain.Grains.References;
using SupplyChain.Grains.Telemetry;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// One vehicle. For each ping it asks <see cref="PingPlausibility"/> whether to keep it,
/// <see cref="GeofenceMembership"/> which fences it entered or left (against this silo's
/// <see cref="GeofenceCatalog"/>, no remote call) and <see cref="MotionDetector"/> whether it
/// stopped; then it passes the fix to the shipments on board. Storage is written on meaningful
/// changes and once per <see cref="VehicleCheckpointOptions.VehicleCheckpointInterval"/>, never per ping.
/// </summary>
internal sealed class VehicleGrain(
    [PersistentState("vehicle", StorageNames.State)] IPersistentState<VehicleState> state,
    GeofenceCatalog geofences,
    IOptions<TrackingOptions> options,
    IOptions<VehicleCheckpointOptions> checkpoint,
    WebhookOutbox webhooks,
    TimeProvider time) : Grain, IVehicleGrain
{
    /// <summary>How many ping ids a vehicle remembers; older copies are caught as stale.</summary>
    internal const int RecentPingLimit = 64;

    private readonly TrackingOptions _options = options.Value;
    private readonly PingPlausibility _plausibility = new(options.Value.MaxPlausibleSpeedKmh, options.Value.MaxAccuracyM);
    private RecentEventIds? _recent;
    private long _savedAt = time.GetTimestamp();

    private VehicleState State => state.State;

    private string VehicleId => this.GetPrimaryKeyString();

    public async Task<PingOutcome> ApplyPing(PingReceived ping)
    {
        using var activity = TrackingTelemetry.StartHandling(EventTypes.GpsPing, ping.TraceParent, ping.TraceState);
        _recent ??= new RecentEventIds(RecentPingLimit, State.RecentPingKeys);
        var key = RecentEventIds.KeyOf(ping.Source, ping.Id);
        var fix = new Fix(ping.Position, ping.Time);
        Fix? previous = State.Location is { } l ? new Fix(l.Position, l.At) : null;
        var verdict = _recent.Contains(key) ? PingVerdict.Duplicate : _plausibility.Judge(previous, fix, ping.AccuracyM);
        _recent.Remember(key);
        if (verdict != PingVerdict.Accepted)
        {
            var reason = verdict.ToString().ToLowerInvariant();
            State.IgnoredPings[reason] = State.IgnoredPings.GetValueOrDefault(reason) + 1;
            TrackingTelemetry.PingIgnored(reason);
            return PingOutcome.Ignored;
        }

        var lookupStarted = Stopwatch.GetTimestamp();
        var membership = GeofenceMembership.Next(geofences.Index, State.InsideGeofences, previous, fix, _options.GeofenceHysteresisM);
        TrackingTelemetry.GeofenceLookedUp(Stopwatch.GetElapsedTime(lookupStarted));
        var motion = MotionDetector.Next(State.Motion, fix, membership.InsideDepot, _options);
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

        if (raised is not null)
        {
            // Webhooks get the events before the state that raised them is written (see WebhookOutbox).
            await webhooks.HandOffOrDeactivate(this, raised);
        }

        if (State.Shipments.Count > 0)
        {
            PassOn(new VehicleFix(VehicleId, ping.Position, ping.Time, ping.SpeedKmh, ping.HeadingDeg, Cause(), motion.State.Moving)
            {
                TraceParent = Activity.Current?.Id ?? ping.TraceParent,
                TraceState = Activity.Current?.TraceStateString ?? ping.TraceState,
            }, forShipments);
        }

        if (meaningful || time.GetElapsedTime(_savedAt) >= checkpoint.Value.VehicleCheckpointInterval)
        {
            await Save();
        }

        return new PingOutcome(Summary(), raised is null ? Array.Empty<OutboundEvent>() : raised);
    }

    public async Task Carry(string trackingNumber)
    {
        if (!State.Shipments.Contains(trackingNumber))
        {
            State.Shipments.Add(trackingNumber);
            await Save();
        }
    }

    public async Task Release(string trackingNumber)
    {
        if (State.Shipments.Remove(trackingNumber))
        {
            await Save();
        }
    }

    public Task<VehicleView?> GetView() => Task.FromResult(
        State.Location is null && State.Shipments.Count == 0
            ? null
            : new VehicleView(
                VehicleId, State.Location, State.SpeedKmh, State.HeadingDeg, State.Motion.Moving, State.Motion.StoppedSince,
                [.. State.InsideGeofences], [.. State.Shipments], new Dictionary<string, long>(State.IgnoredPings)));

    /// <summary>One-way calls: the vehicle never waits on its shipments, which may be calling it.</summary>
    private void PassOn(VehicleFix fix, List<OutboundEvent>? alerts)
    {
        foreach (var trackingNumber in State.Shipments)
        {
            var shipment = StringKeyGrain<IShipmentGrain>.Get(GrainFactory, trackingNumber);
            _ = shipment.OnVehicleFix(fix);
            if (alerts is not null)
            {
                _ = shipment.AttachAlerts(alerts);
            }
        }
    }

    private OutboundEvent Crossed(GeofenceTransition t, string cause) => OutboundEventFactory.Create(
        t.Transition == GeofenceTransitionKind.Entered ? EventTypes.GeofenceEntered : EventTypes.GeofenceExited,
        EventTypes.VehicleSource(VehicleId), VehicleId, cause + "\n" + t.GeofenceId, t.At,
        new GeofenceCrossedData(VehicleId, t.GeofenceId, new LatLon(t.Location.Lat, t.Location.Lon), t.At),
        OutboundJsonContext.Default.GeofenceCrossedData);

    private OutboundEvent Breached(GeofenceTransition t, string cause) => OutboundEventFactory.Create(
        EventTypes.GeofenceBreached, EventTypes.VehicleSource(VehicleId), VehicleId, cause + "\n" + t.GeofenceId, t.At,
        new GeofenceBreachedData(VehicleId, [.. State.Shipments], t.GeofenceId, nameof(GeofenceBreachReason.EnteredRestricted),
            new LatLon(t.Location.Lat, t.Location.Lon), t.At),
        OutboundJsonContext.Default.GeofenceBreachedData);

    private OutboundEvent NoMovement(NoMovementDetected stop, string cause) => OutboundEventFactory.Create(
        EventTypes.NoMovementDetected, EventTypes.VehicleSource(VehicleId), VehicleId, cause, stop.At,
        new NoMovementDetectedData(VehicleId, [.. State.Shipments], new LatLon(stop.Location.Lat, stop.Location.Lon), stop.Since,
            (long)stop.Duration.TotalSeconds),
        OutboundJsonContext.Default.NoMovementDetectedData);

    private VehicleSummary Summary() => new(VehicleId, State.Location!, State.SpeedKmh, State.HeadingDeg, State.Motion.Moving);

    private Task Save()
    {
        State.RecentPingKeys = _recent is null ? State.RecentPingKeys : [.. _recent.Keys];
        _savedAt = time.GetTimestamp();
        return state.WriteStateAsync();
    }
}
