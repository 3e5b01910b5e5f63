using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Events;
using SupplyChain.Grains.Persistence;
using SupplyChain.Grains.References;
using SupplyChain.Grains.Telemetry;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Shipments;

/// <summary>
/// One shipment's grain: storage, the idle and promise reminders, the webhook outbox and the calls to vehicles
/// and watchers. Every decision (status, spells on vehicles, corridor, ETA, idleness, the promise) is the domain
/// <see cref="Shipment"/>'s; the grain turns them into outbound events. Writes storage on each scan and
/// plan, and on a fix only when the fix raised an event or changed the corridor or the arrival; an idle
/// shipment, and a promise passing without traffic, are noticed by reminders, since no event arrives to
/// drive event time.
/// </summary>
internal sealed partial class ShipmentGrain(
    [PersistentState("shipment", StorageNames.State)] IPersistentState<ShipmentState> state,
    IOptions<TrackingOptions> tracking,
    IOptions<StreamOptions> streams,
    IOptions<Orleans.Hosting.ReminderOptions> reminders,
    TimeProvider time,
    WebhookOutbox webhooks,
    ILogger<ShipmentGrain> logger) : Grain, IShipmentGrain, IRemindable, IIncomingGrainCallFilter, IGrainMigrationParticipant
{
    /// <summary>How many outbound events a shipment keeps for its history and alerts.</summary>
    internal const int HistoryLimit = 200;

    /// <summary>How many milestones a shipment keeps (see <see cref="Shipment.ScanLimit"/>).</summary>
    internal const int MilestoneLimit = Shipment.ScanLimit;

    /// <summary>How many scan ids a shipment remembers to drop redelivered copies.</summary>
    internal const int RecentScanLimit = 256;

    internal const string IdleReminder = "idle";

    /// <summary>
    /// Due at the promised time, so a shipment nobody scans or pings is found late soon after it: the idle
    /// reminder's period (an eighth of a day by default, up to an hour) is too coarse for that.
    /// </summary>
    internal const string PromiseReminder = "promise";

    /// <summary>The span name's type for a position passed on by the vehicle (not a CloudEvent type of its own).</summary>
    private const string VehicleFixSpan = "vehicle fix";

    /// <inheritdoc cref="FailedCallDeactivation"/>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) => FailedCallDeactivation.Invoke(context);

    private readonly TrackingOptions _options = tracking.Value;
    private Shipment _shipment = null!;
    private OutboundPublisher _publisher = null!;
    private IGrainTimer? _webhookRetry;
    private ILiveFeedObserver[]? _carriedWatchers;

    private ShipmentState State => state.State;

    /// <summary>The grain's key: the tracking number, with the account for a later account's shipment of it.</summary>
    private string Key => this.GetPrimaryKeyString();

    /// <summary>What readers, events and logs call the shipment.</summary>
    private string TrackingNumber => ShipmentKey.TrackingNumberOf(Key);

    private ShipmentEvents Events => new(TrackingNumber);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shipment = ShipmentOf(State);
        _publisher = new OutboundPublisher(webhooks, GrainFactory.GetPartitionOf(Key, streams.Value.Partitions), logger);
        _publisher.Watch(_carriedWatchers);
        _carriedWatchers = null;
        RetryWebhooksLater();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Moved by the activation rebalancer: the state travels on its own (Orleans' storage bridge), the
    /// live watchers with this. An activation moved before it activated has none.
    /// </summary>
    public void OnDehydrate(IDehydrationContext dehydrationContext) => _publisher?.CarryWatchers(dehydrationContext);

    public void OnRehydrate(IRehydrationContext rehydrationContext) => _carriedWatchers = OutboundPublisher.CarriedWatchers(rehydrationContext);

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
        var accepted = new ShipmentScan(scan.ScanType, scan.Time, scan.Location, scan.FacilityId, scan.VehicleId, scan.Note) { Reason = scan.Reason, Proof = scan.Proof };
        var applied = _shipment.ApplyScan(accepted, time.GetUtcNow());
        State.Milestones = [.. _shipment.Scans.Select(s => new Milestone(s.ScanType, s.At, s.Location, s.FacilityId, s.VehicleId, s.Note) { Reason = s.Reason, Proof = s.Proof })];
        Keep();
        var decision = applied.Decision;
        if (!decision.Applies)
        {
            LogScanKeptStatus(logger, Key, scan.ScanType, State.Status, decision.Refusal);
        }

        if (applied.StatusChanged)
        {
            TrackingTelemetry.StatusMoved(decision.Previous == ShipmentStatus.Pending ? null : decision.Previous.ToString(), decision.Status.ToString());
        }

        if (applied.Delivered && State.Eta.Eta is { } eta)
        {
            TrackingTelemetry.Delivered(scan.Time - eta);
        }

        var raised = Events.Scanned(EventCause.Of(scan.Source, scan.Id).ToString(), accepted, applied);
        await RebindVehicle();
        await WatchIdleness();
        await WatchPromise();
        await Commit(raised, toOpsFeed: false);
        return raised;
    }

    public async Task<bool> SetPlan(ShipmentPlan plan)
    {
        var created = !State.Exists;
        State.Exists = true;
        State.Plan = plan;
        State.LastActivityAt ??= time.GetUtcNow();
        _shipment.LastActivityAt = State.LastActivityAt;
        _shipment.Replan(TripOf(plan));
        State.StopVisits = StopVisitsOf(_shipment.StopProgress);
        await WatchIdleness();
        await WatchPromise();
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
            State.Eta.Eta, State.Eta.OriginalEta, [.. State.Milestones], alerts, State.Plan) { Promise = _shipment.PromiseStatus });
    }

    public Task<IReadOnlyList<OutboundEvent>?> GetEvents() =>
        Task.FromResult<IReadOnlyList<OutboundEvent>?>(State.Exists ? [.. State.History] : null);

    public async Task<bool> Erase()
    {
        var existed = State.Exists;
        foreach (var vehicle in (State.ToldSpells ?? []).Select(s => s.VehicleId).Append(State.VehicleId).OfType<string>().Distinct())
        {
            await StringKeyGrain<IVehicleGrain>.Get(GrainFactory, vehicle).Release(Key);
        }

        foreach (var name in (string[])[IdleReminder, PromiseReminder])
        {
            if (await this.GetReminder(name) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }

        _webhookRetry?.Dispose();
        _webhookRetry = null;
        await state.ClearStateAsync();
        _shipment = ShipmentOf(State);
        DeactivateOnIdle();
        LogErased(logger, Key);
        return existed;
    }

    public async Task OnVehicleFixes(IReadOnlyList<VehicleFix> fixes)
    {
        foreach (var fix in fixes)
        {
            await OnVehicleFix(fix);
        }
    }

    private async Task OnVehicleFix(VehicleFix fix)
    {
        // The scans say, in event time, whose fixes are the shipment's; the vehicle may hand on more.
        var applied = _shipment.ApplyFix(new CarrierFix(fix.VehicleId, new Fix(fix.Position, fix.At), fix.Moving), _options, time.GetUtcNow());
        if (!applied.Taken)
        {
            return;
        }

        using var activity = TrackingTelemetry.StartHandling(VehicleFixSpan, fix.TraceParent, fix.TraceState);
        Keep();
        if (applied.Promise?.Broken is not null)
        {
            await WatchPromise();
        }

        if (applied.Changed || applied.Raised)
        {
            await Commit(Raised(fix, applied), toOpsFeed: true);
        }

        if (applied.Moved && _publisher.Watched)
        {
            await _publisher.PublishToWatchers([Events.LocationUpdated(fix)]);
        }
    }

    public async Task AttachAlerts(IReadOnlyList<OutboundEvent> events)
    {
        // A vehicle sends a fix's alerts again when a binding replays its history, sometimes in the same call as the live fix.
        var fresh = events
            .DistinctBy(e => (e.Source, e.Id))
            .Where(e => !State.History.Exists(h => h.Id == e.Id && h.Source == e.Source))
            .ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        // The vehicle's arrivals at and departures from facilities reach the shipment as these alerts: they mark the plan's stops.
        foreach (var e in fresh)
        {
            if (FacilityMovementOf(e) is { } movement
                && _shipment.ApplyFacilityMovement(movement.Kind, movement.FacilityId, movement.At, movement.Dwell))
            {
                State.StopVisits = StopVisitsOf(_shipment.StopProgress);
            }
        }

        OutboundPublisher.Record(State.History, fresh, HistoryLimit);
        await state.WriteStateAsync();
        await _publisher.PublishToWatchers(fresh);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case IdleReminder:
                await CheckIdleness();
                break;
            case PromiseReminder:
                await CheckPromise();
                break;
        }
    }

    private async Task CheckIdleness()
    {
        if (!State.Exists || ShipmentLifecycle.IsTerminal(State.Status))
        {
            await WatchIdleness();
            return;
        }

        if (_shipment.IdleAt(time.GetUtcNow(), _options.ShipmentIdleThreshold) is not { } idle)
        {
            return;
        }

        Keep();
        await Commit([Events.Idle(idle.Since, idle.At, idle.Where)], toOpsFeed: true);
    }

    /// <summary>
    /// The promised time came by the wall clock with no scan or fix after it to say so: the promise breaks
    /// now, dated at the promise. A delivered, returned or replanned shipment only drops the reminder.
    /// </summary>
    private async Task CheckPromise()
    {
        var broken = State.Exists ? _shipment.CheckPromise(time.GetUtcNow())?.Broken : null;
        var watched = State.PromiseWatchedFor;
        Keep();
        await WatchPromise();
        if (broken is not null)
        {
            await Commit([Events.DeliveryLate(broken)], toOpsFeed: true);
        }
        else if (watched != State.PromiseWatchedFor)
        {
            await state.WriteStateAsync();
        }
    }

    public Task Watch(ILiveFeedObserver observer)
    {
        _publisher.Watch(observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(ILiveFeedObserver observer)
    {
        _publisher.Unwatch(observer);
        return Task.CompletedTask;
    }

    /// <summary>The events announcing what a fix decided, in the order it decided them.</summary>
    private List<OutboundEvent> Raised(VehicleFix fix, FixApplied applied)
    {
        var raised = new List<OutboundEvent>();
        if (applied.Breach is { } breach)
        {
            raised.Add(Events.LeftCorridor(fix, breach));
        }

        if (applied.Recalculated is { } recalculated)
        {
            raised.Add(Events.EtaRecalculated(fix.Cause, recalculated));
        }

        if (applied.ArrivingSoon is { } soon)
        {
            raised.Add(Events.ArrivingSoon(fix.Cause, soon, State.Plan?.DestinationFacilityId));
        }

        if (applied.Promise is { } promise)
        {
            if (promise.AtRisk is { } risk)
            {
                raised.Add(Events.DeliveryAtRisk(fix.Cause, risk));
            }

            if (promise.BackOnTrack is { } back)
            {
                raised.Add(Events.DeliveryBackOnTrack(fix.Cause, back));
            }

            if (promise.Broken is { } broken)
            {
                raised.Add(Events.DeliveryLate(broken));
            }
        }

        return raised;
    }

    /// <summary>
    /// Records events with the state that caused them, then publishes them to webhooks and watchers and,
    /// when raised outside a stream delivery, to the ops feed (the partition publishes what it delivered).
    /// </summary>
    private async Task Commit(List<OutboundEvent> raised, bool toOpsFeed)
    {
        if (Key != TrackingNumber)
        {
            for (var i = 0; i < raised.Count; i++)
            {
                raised[i] = raised[i] with { Shipments = [Key] };
            }
        }

        OutboundPublisher.Record(State.History, raised, HistoryLimit);
        _publisher.Stage(State.WebhookOutbox, raised);
        await state.WriteStateAsync();
        await PublishOutbox();
        await _publisher.PublishToWatchers(raised);
        if (toOpsFeed)
        {
            _publisher.PublishToOpsFeed(raised);
        }
    }

    /// <summary>Publishes the webhook outbox; on failure keeps it and retries on a timer. The emptied outbox is stored with the next write.</summary>
    private async Task PublishOutbox()
    {
        if (await _publisher.PublishOutbox(State.WebhookOutbox))
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
            _webhookRetry = this.RegisterGrainTimer(PublishOutbox, TimeSpan.Zero, WebhookOutbox.RetryInterval);
        }
    }

    /// <summary>
    /// Tells the vehicles of the spells the scans describe what changed since they were last told:
    /// a spell begun, ended or moved in time, or withdrawn. Vehicles hold shipments by grain key,
    /// which they call back with their fixes.
    /// </summary>
    private async Task RebindVehicle()
    {
        var spells = _shipment.Spells;
        var told = State.ToldSpells ?? ToldBeforeSpells();
        if (told.SequenceEqual(spells))
        {
            return;
        }

        foreach (var withdrawn in told.Select(t => t.VehicleId).Distinct().Where(v => !spells.Any(s => s.VehicleId == v)))
        {
            await StringKeyGrain<IVehicleGrain>.Get(GrainFactory, withdrawn).Release(Key);
        }

        // Oldest first: a vehicle keeps one spell per shipment, the last it is told.
        foreach (var spell in spells.Where(s => !told.Contains(s)))
        {
            await StringKeyGrain<IVehicleGrain>.Get(GrainFactory, spell.VehicleId).Carry(Key, spell);
        }

        State.ToldSpells = [.. spells];
        State.VehicleId = _shipment.Carrier;
    }

    /// <summary>What a vehicle was told before spells were stored: that it carries the shipment, open-ended.</summary>
    private List<CarriedSpell> ToldBeforeSpells() =>
        State.VehicleId is { } vehicle && VehicleBinding.Carrier(State.Milestones.Select(m => (m.ScanType, m.At, m.VehicleId))) is { } carrier
            ? [new CarriedSpell(vehicle, carrier.VehicleId == vehicle ? carrier.Since : DateTimeOffset.MinValue, null)]
            : [];

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

    /// <summary>
    /// A live shipment with a promise not yet broken keeps a reminder due at the promised time; one whose
    /// promise was already past when it was set (a backfill, a replay) is judged by its traffic's event
    /// time alone, since the wall clock would call it late whatever the traffic says.
    /// </summary>
    private async Task WatchPromise()
    {
        var promise = State.Exists && !ShipmentLifecycle.IsTerminal(State.Status) && _shipment.Plan?.PromisedBy is { } p
            && !(_shipment.Promise.PromisedBy == p && _shipment.Promise.Late) ? p : (DateTimeOffset?)null;
        if (promise == State.PromiseWatchedFor)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (promise is { } due && due > now)
        {
            // Periodic by Orleans' rule; the period only retries a check that failed, the first tick at the promise decides.
            await this.RegisterOrUpdateReminder(PromiseReminder, due - now, reminders.Value.MinimumReminderPeriod);
            State.PromiseWatchedFor = due;
        }
        else if (State.PromiseWatchedFor is not null)
        {
            if (await this.GetReminder(PromiseReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            State.PromiseWatchedFor = null;
        }
    }

    /// <summary>An eighth of the threshold, within Orleans' minimum reminder period (one minute by default) and an hour.</summary>
    private TimeSpan IdleCheckPeriod()
    {
        var minimum = reminders.Value.MinimumReminderPeriod;
        var maximum = TimeSpan.FromHours(1) > minimum ? TimeSpan.FromHours(1) : minimum;
        return TimeSpan.FromTicks(Math.Clamp(_options.ShipmentIdleThreshold.Ticks / 8, minimum.Ticks, maximum.Ticks));
    }

    /// <summary>Copies the shipment's decisions into the state the next write stores.</summary>
    private void Keep()
    {
        State.Status = _shipment.Status;
        State.StatusDetail = _shipment.StatusDetail;
        State.StatusSince = _shipment.StatusSince;
        State.Location = _shipment.Location is { } location ? new PositionAt(location.Location, location.At) : null;
        State.Corridor = _shipment.Corridor;
        State.Eta = _shipment.Eta;
        State.ArrivedAt = _shipment.ArrivedAt;
        State.TripFixAt = _shipment.TripFixAt;
        State.LastActivityAt = _shipment.LastActivityAt;
        State.IdleReportedFor = _shipment.IdleReportedFor;
        State.Promise = _shipment.Promise;
        State.StopVisits = StopVisitsOf(_shipment.StopProgress);
    }

    /// <summary>The facility arrival or departure a vehicle's event reports; null for any other event.</summary>
    private static FacilityMovement? FacilityMovementOf(OutboundEvent e)
    {
        var kind = e.Type switch
        {
            EventTypes.VehicleArrived => FacilityMovementKind.Arrived,
            EventTypes.VehicleDeparted => FacilityMovementKind.Departed,
            _ => (FacilityMovementKind?)null,
        };
        if (kind is null || JsonSerializer.Deserialize(e.Data, OutboundJsonContext.Default.VehicleMovementData) is not { } data)
        {
            return null;
        }

        var dwell = data.DwellSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return new FacilityMovement(kind.Value, data.FacilityId, data.At, new GeoPoint(data.Location.Lat, data.Location.Lon), dwell);
    }

    private static List<StopVisit>? StopVisitsOf(StopProgress progress) => progress.Visits.Count == 0 ? null : [.. progress.Visits];

    private Shipment ShipmentOf(ShipmentState stored) => new(stored.Milestones.Select(m => new ShipmentScan(m.ScanType, m.At, m.Location, m.FacilityId, m.VehicleId, m.Note) { Reason = m.Reason, Proof = m.Proof }))
    {
        Plan = stored.Plan is { } plan ? TripOf(plan) : null,
        Status = stored.Status,
        StatusDetail = stored.StatusDetail,
        StatusSince = stored.StatusSince,
        Location = stored.Location is { } location ? new Fix(location.Position, location.At) : null,
        Corridor = stored.Corridor,
        Eta = stored.Eta,
        ArrivedAt = stored.ArrivedAt,
        TripFixAt = stored.TripFixAt,
        LastActivityAt = stored.LastActivityAt,
        IdleReportedFor = stored.IdleReportedFor,
        Promise = stored.Promise ?? PromiseState.Initial,
        StopProgress = stored.StopVisits is { } visits ? new StopProgress(visits) : StopProgress.Initial,
    };

    private TripPlan TripOf(ShipmentPlan plan) => new(
        plan.Route is { Count: >= 2 } positions ? new Route(positions) : null,
        plan.Destination,
        plan.CorridorWidthM ?? _options.CorridorWidthM,
        plan.DestinationRadiusM ?? _options.DestinationRadiusM)
    {
        PromisedBy = plan.PromisedBy,
        Stops = [.. (plan.Stops ?? []).Select(s => new PlannedStop(s.Location, s.Dwell ?? _options.PlannedStopDwell, s.FacilityId))],
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment {Shipment} erased")]
    private static partial void LogErased(ILogger logger, string shipment);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shipment {Shipment}: scan {Source} {Id} already applied")]
    private static partial void LogDuplicateScan(ILogger logger, string shipment, string source, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment {Shipment}: {ScanType} scan kept status {Status} ({Refusal})")]
    private static partial void LogScanKeptStatus(ILogger logger, string shipment, ScanType scanType, ShipmentStatus status, StatusRefusal refusal);
}
