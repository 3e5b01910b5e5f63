using Microsoft.Extensions.DependencyInjection;
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
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// One vehicle. For each ping it asks <see cref="PingPlausibility"/> whether to keep it,
/// <see cref="GeofenceMembership"/> which fences it entered or left (against this silo's
/// <see cref="GeofenceCatalog"/>, no remote call) and <see cref="MotionDetector"/> whether it
/// stopped; then it passes the fix to the shipments on board. Storage is written on meaningful
/// changes only, never per ping.
/// </summary>
internal sealed class VehicleGrain(
    [PersistentState("vehicle", StorageNames.State)] IPersistentState<VehicleState> state,
    GeofenceCatalog geofences,
    IOptions<TrackingOptions> options) : Grain, IVehicleGrain
{
    /// <summary>How many ping ids a vehicle remembers; older copies are caught as stale.</summary>
    internal const int RecentPingLimit = 64;

    private readonly TrackingOptions _options = options.Value;
    private readonly PingPlausibility _plausibility = new(options.Value.MaxPlausibleSpeedKmh, options.Value.MaxAccuracyM);
    private RecentEventIds? _recent;

    private VehicleState State => state.State;

    private string VehicleId => this.GetPrimaryKeyString();

    public async Task<PingOutcome> ApplyPing(PingReceived ping)
    {
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
            return PingOutcome.Ignored;
        }

        var membership = GeofenceMembership.Next(geofences.Index, State.InsideGeofences, previous, fix, _options.GeofenceHysteresisM);
        var motion = MotionDetector.Next(State.Motion, fix, membership.InsideDepot, _options);
        var meaningful = membership.Transitions.Count > 0 || motion.NoMovement is not null || motion.State.Moving != State.Motion.Moving;

        State.Location = new PositionAt(ping.Position, ping.Time);
        State.SpeedKmh = ping.SpeedKmh;
        State.HeadingDeg = ping.HeadingDeg;
        State.InsideGeofences = [.. membership.Inside];
        State.Motion = motion.State;

        var raised = new List<OutboundEvent>();
        var forShipments = new List<OutboundEvent>();
        foreach (var transition in membership.Transitions)
        {
            raised.Add(Crossed(transition, key));
            if (transition.IsBreach)
            {
                forShipments.Add(Breached(transition, key));
            }
        }

        if (motion.NoMovement is { } stop)
        {
            forShipments.Add(NoMovement(stop, key));
        }

        raised.AddRange(forShipments);
        if (raised.Count > 0)
        {
            // Webhooks get the events before the state that raised them is written (see WebhookOutbox).
            await ServiceProvider.GetRequiredService<WebhookOutbox>().HandOffOrDeactivate(this, raised);
        }

        PassOn(new VehicleFix(VehicleId, ping.Position, ping.Time, ping.SpeedKmh, ping.HeadingDeg, key, motion.State.Moving), forShipments);
        if (meaningful)
        {
            await Save();
        }

        return new PingOutcome(Summary(), raised);
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
    private void PassOn(VehicleFix fix, List<OutboundEvent> alerts)
    {
        foreach (var trackingNumber in State.Shipments)
        {
            var shipment = GrainFactory.GetGrain<IShipmentGrain>(trackingNumber);
            _ = shipment.OnVehicleFix(fix);
            if (alerts.Count > 0)
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
        return state.WriteStateAsync();
    }
}
