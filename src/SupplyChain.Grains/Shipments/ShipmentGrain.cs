using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Utilities;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Routes;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Events;
using SupplyChain.Grains.Telemetry;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Shipments;

/// <summary>
/// One shipment. Holds its state and asks the domain for every decision: the status
/// (<see cref="ShipmentLifecycle"/>), the carrying vehicle (<see cref="VehicleBinding"/>), the
/// route corridor (<see cref="CorridorMonitor"/>) and the ETA (<see cref="EtaEstimator"/>).
/// Writes storage on each scan and plan, and on a fix only when the fix raised an event; an idle
/// shipment is noticed by a reminder, since no event arrives to drive event time.
/// </summary>
internal sealed partial class ShipmentGrain(
    [PersistentState("shipment", StorageNames.State)] IPersistentState<ShipmentState> state,
    IOptions<TrackingOptions> tracking,
    IOptions<StreamOptions> streams,
    IOptions<Orleans.Hosting.ReminderOptions> reminders,
    TimeProvider time,
    WebhookOutbox webhooks,
    ILogger<ShipmentGrain> logger) : Grain, IShipmentGrain, IRemindable
{
    /// <summary>How many outbound events a shipment keeps for its history and alerts.</summary>
    internal const int HistoryLimit = 200;

    /// <summary>
    /// How many milestones a shipment keeps: a parcel's journey has a few dozen scans, and a scanner
    /// stuck in a loop must not grow its state (and its anonymous page) without end.
    /// </summary>
    internal const int MilestoneLimit = 100;

    /// <summary>How many scan ids a shipment remembers to drop redelivered copies.</summary>
    internal const int RecentScanLimit = 256;

    internal const string IdleReminder = "idle";

    /// <summary>The span name's type for a position passed on by the vehicle (not a CloudEvent type of its own).</summary>
    private const string VehicleFixSpan = "vehicle fix";

    private readonly TrackingOptions _options = tracking.Value;
    private readonly ObserverManager<ILiveFeedObserver> _watchers = new(LiveFeed.Expiry, logger);
    private Route? _route;
    private IGrainTimer? _webhookRetry;

    private ShipmentState State => state.State;

    /// <summary>The grain's key: the tracking number, with the account for a later account's shipment of it.</summary>
    private string Key => this.GetPrimaryKeyString();

    /// <summary>What readers, events and logs call the shipment.</summary>
    private string TrackingNumber => ShipmentKey.TrackingNumberOf(Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _route = RouteOf(State.Plan);
        RetryWebhooksLater();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<OutboundEvent>> ApplyScan(ScanReceived scan)
    {
        using var activity = TrackingTelemetry.StartHandling(EventTypes.ItemScanned, scan.TraceParent, scan.TraceState);
        // Scans are few enough to give every log line of their handling its cause and subject.
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Shipment"] = Key,
            ["CloudEventSource"] = scan.Source,
            ["CloudEventId"] = scan.Id,
        });
        var recent = new RecentEventIds(RecentScanLimit, State.RecentScanKeys);
        if (!recent.Remember(RecentEventIds.KeyOf(scan.Source, scan.Id)))
        {
            LogDuplicateScan(logger, Key, scan.Source, scan.Id);
            return [];
        }

        State.Exists = true;
        State.RecentScanKeys = [.. recent.Keys];
        State.LastActivityAt = time.GetUtcNow();
        InsertMilestone(new Milestone(scan.ScanType, scan.Time, scan.Location, scan.FacilityId, scan.VehicleId, scan.Note));
        if (scan.Location is { } location && (State.Location is null || scan.Time >= State.Location.At))
        {
            State.Location = new PositionAt(location, scan.Time);
        }

        var raised = new List<OutboundEvent>();
        var decision = ShipmentLifecycle.Decide(State.Status, State.StatusSince, scan.ScanType, scan.Time);
        if (decision.Applies)
        {
            if (decision.Changes)
            {
                TrackingTelemetry.StatusMoved(decision.Previous == ShipmentStatus.Pending ? null : decision.Previous.ToString(), decision.Status.ToString());
                if (decision.Status == ShipmentStatus.Delivered && State.Eta.Eta is { } eta)
                {
                    TrackingTelemetry.Delivered(scan.Time - eta);
                }
            }

            State.Status = decision.Status;
            State.StatusDetail = scan.ScanType;
            State.StatusSince = scan.Time;
            RaiseStatusEvents(scan, decision, raised);
        }
        else
        {
            LogScanKeptStatus(logger, Key, scan.ScanType, State.Status, decision.Refusal);
        }

        await RebindVehicle();
        await WatchIdleness();
        await Commit(raised, relay: false);
        return raised;
    }

    public async Task<bool> SetPlan(ShipmentPlan plan)
    {
        var created = !State.Exists;
        State.Exists = true;
        State.Plan = plan;
        State.LastActivityAt ??= time.GetUtcNow();
        _route = RouteOf(plan);
        await WatchIdleness();
        await state.WriteStateAsync();
        return created;
    }

    public Task<ShipmentView?> GetView()
    {
        if (!State.Exists)
        {
            return Task.FromResult<ShipmentView?>(null);
        }

        var alerts = State.History.AsEnumerable().Reverse().ToArray();
        return Task.FromResult<ShipmentView?>(new ShipmentView(
            TrackingNumber, State.Status, State.StatusDetail, State.Location, State.VehicleId,
            State.Eta.Eta, State.Eta.OriginalEta, [.. State.Milestones], alerts, State.Plan));
    }

    public Task<IReadOnlyList<OutboundEvent>?> GetEvents() =>
        Task.FromResult<IReadOnlyList<OutboundEvent>?>(State.Exists ? [.. State.History] : null);

    public async Task OnVehicleFixes(IReadOnlyList<VehicleFix> fixes)
    {
        foreach (var fix in fixes)
        {
            await OnVehicleFix(fix);
        }
    }

    private async Task OnVehicleFix(VehicleFix fix)
    {
        if (fix.VehicleId != State.VehicleId || (State.Location is not null && fix.At <= State.Location.At))
        {
            return;
        }

        using var activity = TrackingTelemetry.StartHandling(VehicleFixSpan, fix.TraceParent, fix.TraceState);
        State.Location = new PositionAt(fix.Position, fix.At);
        State.LastActivityAt = time.GetUtcNow();
        var raised = new List<OutboundEvent>();
        var changed = Track(fix, raised);
        if (changed || raised.Count > 0)
        {
            await Commit(raised, relay: true);
        }

        if (_watchers.Count > 0)
        {
            await Notify([OutboundEventFactory.Create(
                EventTypes.LocationUpdated, EventTypes.ShipmentSource(TrackingNumber), TrackingNumber, fix.Cause, fix.At,
                new LocationUpdatedData(TrackingNumber, fix.VehicleId, Point(fix.Position), fix.At, fix.SpeedKmh, fix.HeadingDeg),
                OutboundJsonContext.Default.LocationUpdatedData)]);
        }
    }

    public async Task AttachAlerts(IReadOnlyList<OutboundEvent> events)
    {
        var fresh = events.Where(e => !State.History.Exists(h => h.Id == e.Id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        AddToHistory(fresh);
        await state.WriteStateAsync();
        await Notify(fresh);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != IdleReminder)
        {
            return;
        }

        if (!State.Exists || ShipmentLifecycle.IsTerminal(State.Status))
        {
            await WatchIdleness();
            return;
        }

        var now = time.GetUtcNow();
        if (State.LastActivityAt is not { } last || now - last < _options.ShipmentIdleThreshold || State.IdleReportedFor == last)
        {
            return;
        }

        State.IdleReportedFor = last;
        var location = State.Location?.Position;
        await Commit(
            [OutboundEventFactory.Create(
                EventTypes.NoMovementDetected, EventTypes.ShipmentSource(TrackingNumber), TrackingNumber, "idle\n" + last.ToString("O"), now,
                new NoMovementDetectedData(null, [TrackingNumber], location is { } p ? Point(p) : null, last, (long)(now - last).TotalSeconds),
                OutboundJsonContext.Default.NoMovementDetectedData)],
            relay: true);
    }

    public Task Watch(ILiveFeedObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(ILiveFeedObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>The corridor and the ETA for one fix; true when state worth writing changed.</summary>
    private bool Track(VehicleFix vehicleFix, List<OutboundEvent> raised)
    {
        if (State.Plan is not { } plan)
        {
            return false;
        }

        var fix = new Fix(vehicleFix.Position, vehicleFix.At);
        var source = EventTypes.ShipmentSource(TrackingNumber);
        var changed = false;
        RouteProjection? projection = _route?.Project(fix.Location);
        if (projection is { } onRoute)
        {
            var corridor = CorridorMonitor.Next(State.Corridor, onRoute, fix, plan.CorridorWidthM ?? _options.CorridorWidthM, _options.GeofenceHysteresisM);
            changed |= corridor.State != State.Corridor;
            State.Corridor = corridor.State;
            if (corridor.Breach is { } breach)
            {
                raised.Add(OutboundEventFactory.Create(
                    EventTypes.GeofenceBreached, source, TrackingNumber, vehicleFix.Cause, breach.At,
                    new GeofenceBreachedData(vehicleFix.VehicleId, [TrackingNumber], "route", nameof(GeofenceBreachReason.LeftRouteCorridor),
                        Point(breach.Location), breach.At),
                    OutboundJsonContext.Default.GeofenceBreachedData));
            }
        }

        if (plan.Destination is { } destination && State.ArrivedAt is null)
        {
            var eta = EtaEstimator.Next(
                State.Eta, fix, vehicleFix.Moving, new EtaPlan(destination, plan.DestinationRadiusM ?? _options.DestinationRadiusM, _route),
                _options, projection);
            State.Eta = eta.State;
            if (eta.Recalculated is { } recalculated)
            {
                raised.Add(OutboundEventFactory.Create(
                    EventTypes.EtaRecalculated, source, TrackingNumber, vehicleFix.Cause, recalculated.At,
                    new EtaRecalculatedData(TrackingNumber, recalculated.Eta, recalculated.PreviousEta, Math.Round(recalculated.RemainingKm, 3)),
                    OutboundJsonContext.Default.EtaRecalculatedData));
            }

            if (eta.ArrivingSoon is { } soon)
            {
                raised.Add(OutboundEventFactory.Create(
                    EventTypes.ArrivingSoon, source, TrackingNumber, vehicleFix.Cause, soon.At,
                    new ArrivingSoonData(TrackingNumber, soon.Eta, Math.Round(soon.RemainingKm, 3)),
                    OutboundJsonContext.Default.ArrivingSoonData));
            }

            if (eta.Arrived is { } arrived)
            {
                State.ArrivedAt = arrived.At;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Records events with the state that caused them, then publishes and pushes them.</summary>
    private async Task Commit(List<OutboundEvent> raised, bool relay)
    {
        if (Key != TrackingNumber)
        {
            for (var i = 0; i < raised.Count; i++)
            {
                raised[i] = raised[i] with { Shipments = [Key] };
            }
        }

        AddToHistory(raised);
        webhooks.Stage(State.WebhookOutbox, raised);
        await state.WriteStateAsync();
        await HandOffWebhooks();
        if (raised.Count == 0)
        {
            return;
        }

        await Notify(raised);
        if (relay)
        {
            // Events not raised during stream delivery reach the ops feed through the shipment's partition.
            _ = GrainFactory.GetPartitionOf(Key, streams.Value.Partitions).Relay(raised);
        }
    }

    /// <summary>Hands the webhook outbox over; on failure keeps it and retries on a timer. The emptied outbox is stored with the next write.</summary>
    private async Task HandOffWebhooks()
    {
        if (await webhooks.TryHandOff(State.WebhookOutbox))
        {
            _webhookRetry?.Dispose();
            _webhookRetry = null;
        }
        else
        {
            RetryWebhooksLater();
        }
    }

    private void RetryWebhooksLater()
    {
        if (State.WebhookOutbox.Count > 0 && _webhookRetry is null)
        {
            _webhookRetry = this.RegisterGrainTimer(HandOffWebhooks, TimeSpan.Zero, WebhookOutbox.RetryInterval);
        }
    }

    private void AddToHistory(IReadOnlyList<OutboundEvent> events)
    {
        State.History.AddRange(events);
        if (State.History.Count > HistoryLimit)
        {
            State.History.RemoveRange(0, State.History.Count - HistoryLimit);
        }
    }

    private Task Notify(IReadOnlyList<OutboundEvent> events) =>
        events.Count > 0 && _watchers.Count > 0 ? _watchers.Notify(o => o.OnEvents(events)) : Task.CompletedTask;

    private void InsertMilestone(Milestone milestone)
    {
        var index = State.Milestones.FindLastIndex(m => m.At <= milestone.At) + 1;
        State.Milestones.Insert(index, milestone);
        if (State.Milestones.Count > MilestoneLimit)
        {
            // The first milestone (where the journey began) and the latest ones are what a reader needs.
            State.Milestones.RemoveAt(1);
        }
    }

    private void RaiseStatusEvents(ScanReceived scan, StatusDecision decision, List<OutboundEvent> raised)
    {
        if (!decision.Changes)
        {
            return;
        }

        var cause = OutboundEventId.CauseOf(scan.Source, scan.Id);
        var source = EventTypes.ShipmentSource(TrackingNumber);
        raised.Add(OutboundEventFactory.Create(
            EventTypes.ShipmentStatusChanged, source, TrackingNumber, cause, scan.Time,
            new ShipmentStatusChangedData(TrackingNumber, decision.Status, decision.Previous, scan.ScanType, scan.Time),
            OutboundJsonContext.Default.ShipmentStatusChangedData));
        if (decision.Status == ShipmentStatus.Delivered)
        {
            var where = scan.Location ?? State.Location?.Position;
            raised.Add(OutboundEventFactory.Create(
                EventTypes.Delivered, source, TrackingNumber, cause, scan.Time,
                new DeliveredData(TrackingNumber, scan.Time, where is { } p ? Point(p) : null),
                OutboundJsonContext.Default.DeliveredData));
        }
    }

    private async Task RebindVehicle()
    {
        var vehicle = VehicleBinding.CarrierVehicle(State.Milestones.Select(m => (m.ScanType, m.At, m.VehicleId)));
        if (vehicle == State.VehicleId)
        {
            return;
        }

        if (State.VehicleId is { } previous)
        {
            await GrainFactory.GetPartitionOf(previous, streams.Value.Partitions).Release(previous, Key);
        }

        if (vehicle is not null)
        {
            await GrainFactory.GetPartitionOf(vehicle, streams.Value.Partitions).Carry(vehicle, Key);
        }

        State.VehicleId = vehicle;
    }

    /// <summary>A live shipment keeps a reminder; a delivered or returned one drops it.</summary>
    private async Task WatchIdleness()
    {
        var wanted = State.Exists && !ShipmentLifecycle.IsTerminal(State.Status);
        if (wanted == State.IdleWatched)
        {
            return;
        }

        if (wanted)
        {
            await this.RegisterOrUpdateReminder(IdleReminder, IdleCheckPeriod(), IdleCheckPeriod());
        }
        else if (await this.GetReminder(IdleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        State.IdleWatched = wanted;
    }

    /// <summary>An eighth of the threshold, within Orleans' minimum reminder period (one minute by default) and an hour.</summary>
    private TimeSpan IdleCheckPeriod()
    {
        var minimum = reminders.Value.MinimumReminderPeriod;
        var maximum = TimeSpan.FromHours(1) > minimum ? TimeSpan.FromHours(1) : minimum;
        return TimeSpan.FromTicks(Math.Clamp(_options.ShipmentIdleThreshold.Ticks / 8, minimum.Ticks, maximum.Ticks));
    }

    private static Route? RouteOf(ShipmentPlan? plan) => plan?.Route is { Count: >= 2 } positions ? new Route(positions) : null;

    private static LatLon Point(GeoPoint p) => new(p.Lat, p.Lon);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shipment {Shipment}: scan {Source} {Id} already applied")]
    private static partial void LogDuplicateScan(ILogger logger, string shipment, string source, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment {Shipment}: {ScanType} scan kept status {Status} ({Refusal})")]
    private static partial void LogScanKeptStatus(ILogger logger, string shipment, ScanType scanType, ShipmentStatus status, StatusRefusal refusal);
}
