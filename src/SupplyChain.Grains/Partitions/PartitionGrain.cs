using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Streams;
using Orleans.Utilities;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Fleet;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Grains.References;
using SupplyChain.Grains.Telemetry;
using Orleans.Concurrency;
using SupplyChain.Grains.Vehicles;
using SupplyChain.Domain.Fleet;

namespace SupplyChain.Grains.Partitions;

/// <summary>
/// Consumes one inbound partition stream: hands each scan to its shipment and each vehicle's pings
/// of a message to that vehicle's grain in one call (no call per ping): in order for one key,
/// different keys in parallel. It keeps the fleet list's line of each vehicle it delivers to, as the
/// vehicle sends it back on each answer, paced by <see cref="FleetListPacing"/> (a change worth showing at
/// once, otherwise at most every <see cref="FleetRefresh"/>), so listing the fleet asks the partitions and no vehicle; the lines are held in a
/// <see cref="FleetGrid{TLine}"/>, so the ops map reads a box of them and what changed there. If any send fails the message fails, so the stream
/// provider delivers it again, and every later message of the partition waits behind it. The grain
/// remembers which keys of a failing message were applied and delivers only the others again, so
/// a poison event costs its own key, not the message's other events; on the
/// <see cref="DeadLetterOptions.MaxAttempts"/>th delivery each event still failing goes to the
/// <see cref="IDeadLetterStore"/>, so the stream moves on within a bounded time (the attempts and
/// the provider's capped retry delays). Until then the partition's <see cref="PartitionLag"/> grows.
/// Immovable: what it holds lives in memory only (the fleet list, with the last line of every parked
/// vehicle; the ops feed's watchers; a failing message's applied keys), so the activation rebalancer
/// moving it emptied the fleet list and the ops map until each vehicle reported again
/// (<c>SpreadTests</c>: 682 of 30,000 vehicles missing three minutes on). A cluster has a handful of
/// partitions, nothing to balance beside its thousands of vehicles.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Inbound)]
[Immovable]
internal sealed partial class PartitionGrain(
    ILogger<PartitionGrain> logger,
    IDeadLetterStore deadLetters,
    IOptions<DeadLetterOptions> deadLetterOptions,
    PartitionLag lag,
    TimeProvider time)
    : Grain, IPartitionGrain
{
    /// <summary>Failing messages whose attempts are counted at once; beyond this the counts start over (more retries, never fewer).</summary>
    private const int TrackedFailuresLimit = 1024;

    /// <summary>
    /// How often at most a vehicle's line moves while it keeps moving or standing: the ops map asks for
    /// changes every few seconds, so a line is at most this much (and one sweep) older than its vehicle.
    /// </summary>
    internal static readonly TimeSpan FleetRefresh = TimeSpan.FromSeconds(2);

    /// <summary>How often the lines held back are looked at.</summary>
    private static readonly TimeSpan HeldLinesSweep = TimeSpan.FromSeconds(0.5);

    private IGrainTimer? _heldLines;

    private readonly FailingMessages _failing = new(TrackedFailuresLimit);
    private readonly ObserverManager<ILiveFeedObserver> _watchers = new(LiveFeed.Expiry, logger);
    private readonly FleetGrid<FleetLine> _fleet = new();
    private readonly FleetListPacing _pacing = new(FleetRefresh);
    // Versions of the fleet map start over with each activation; readers holding another one's start over too.
    private readonly long _epoch = Random.Shared.NextInt64();
    private PartitionLag.Head? _lag;

    private string Partition => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<InboundBatch>(StreamPartitioner.StreamOf(int.Parse(Partition, System.Globalization.CultureInfo.InvariantCulture)));
        await stream.SubscribeAsync(Deliver);
        _lag = lag.Track(Partition);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_lag is { } head)
        {
            lag.Forget(Partition, head);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VehicleSummary>> GetVehicles() => Task.FromResult(Summaries(_fleet.Lines));

    public Task<IReadOnlyList<VehicleSummary>> FindVehicles(string text, int limit) => Task.FromResult(Summaries(_fleet.Matching(text, limit)));

    public Task<FleetMapSlice> GetMap(FleetMapQuery query)
    {
        var within = _fleet.CountWithin(query.Box);
        var changes = query.Since is { } since && _fleet.ChangesSince(since, query.Box) is { } changed
            ? new FleetMapChanges(Summaries(changed.Changed), changed.Left)
            : null;
        var vehicles = changes is null && within <= query.MarkerLimit ? Summaries(_fleet.Within(query.Box)) : null;
        return Task.FromResult(new FleetMapSlice(
            _epoch, _fleet.Version, within, _fleet.Count, _fleet.Moving, vehicles, changes, _fleet.Clusters(query.Box, query.Level)));
    }

    public Task Publish(IReadOnlyList<OutboundEvent> events) =>
        _watchers.Count > 0 ? _watchers.Notify(o => o.OnEvents(events)) : Task.CompletedTask;

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

    private async Task Deliver(InboundBatch batch, StreamSequenceToken? token)
    {
        var failing = _failing.Of(token, batch.Events);
        var startedAt = failing?.FirstAttemptAt ?? time.GetTimestamp();
        _lag?.Waiting(startedAt);
        var attempt = (failing?.FailedAttempts ?? 0) + 1;
        var raised = new List<OutboundEvent>();
        // From the last attempt on, an event that still fails is dead-lettered instead of failing the message.
        int? deadLetterAfter = attempt >= deadLetterOptions.Value.MaxAttempts ? attempt : null;
        var sends = Send(batch.Events, failing?.Applied, raised, deadLetterAfter);
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            failing ??= new FailingMessage(startedAt, batch.Events);
            failing.FailedAttempts = attempt;
            NoteApplied(batch.Events, sends, failing.Applied);
            _failing.Remember(token, failing);

            LogDeliveryFailed(logger, ex, Partition, failing.Pending, batch.Events.Count, attempt);
            // What was applied is shown now: its copies in the next delivery are skipped, or dropped as seen.
            await PublishRaised(raised);
            throw;
        }

        _failing.Forget(token);
        _lag?.CaughtUp();
        await PublishRaised(raised);
    }

    private Task PublishRaised(List<OutboundEvent> raised) => raised.Count > 0 ? Publish(raised) : Task.CompletedTask;

    /// <summary>
    /// Marks the events of every key whose sends all succeeded (or were dead-lettered) in this
    /// attempt as applied. A key with a failed event stays whole: its events go again, in order.
    /// </summary>
    private static void NoteApplied(IReadOnlyList<InboundEvent> events, Task[] handOffs, bool[] applied)
    {
        HashSet<string>? failedKeys = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (!handOffs[i].IsCompletedSuccessfully)
            {
                (failedKeys ??= new HashSet<string>(StringComparer.Ordinal)).Add(events[i].Key);
            }
        }

        for (var i = 0; i < events.Count; i++)
        {
            applied[i] = failedKeys is null || !failedKeys.Contains(events[i].Key);
        }
    }

    /// <summary>
    /// Starts sending every pending event: one key's events each after the one before it (and not
    /// at all once one failed, so a redelivery finds them in order), different keys at once. A vehicle's
    /// pings go in one call, which all of them share the fate of (the vehicle applies them in order).
    /// Events applied in an earlier attempt (<paramref name="applied"/>) are skipped. Most keys have one
    /// event in a message, so this costs no list per key.
    /// </summary>
    private Task[] Send(IReadOnlyList<InboundEvent> events, bool[]? applied, List<OutboundEvent> raised, int? deadLetterAfter)
    {
        var handOffs = new Task[events.Count];
        Dictionary<string, int>? latestScanOf = null;
        // A vehicle's first ping in the message and how many it has there.
        Dictionary<string, (int First, int Count)>? pingsOf = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (applied is not null && applied[i])
            {
                handOffs[i] = Task.CompletedTask;
                continue;
            }

            switch (events[i])
            {
                case PingReceived ping:
                    pingsOf ??= new Dictionary<string, (int, int)>(events.Count, StringComparer.Ordinal);
                    pingsOf[ping.VehicleId] = pingsOf.TryGetValue(ping.VehicleId, out var seen) ? (seen.First, seen.Count + 1) : (i, 1);
                    break;
                case ScanReceived scan:
                    latestScanOf ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    handOffs[i] = latestScanOf.TryGetValue(scan.Key, out var before)
                        ? ScanAfter(handOffs[before], scan, raised, deadLetterAfter)
                        : Scan(scan, raised, deadLetterAfter);
                    latestScanOf[scan.Key] = i;
                    break;
                default:
                    handOffs[i] = Task.CompletedTask;
                    break;
            }
        }

        foreach (var (vehicleId, (first, count)) in pingsOf ?? [])
        {
            var pings = new PingReceived[count];
            var indexes = count == 1 ? null : new int[count];
            for (int i = first, n = 0; n < count; i++)
            {
                if (events[i] is PingReceived ping && ping.VehicleId == vehicleId && (applied is null || !applied[i]))
                {
                    pings[n] = ping;
                    if (indexes is not null)
                    {
                        indexes[n] = i;
                    }

                    n++;
                }
            }

            var delivery = Pings(vehicleId, pings, raised, deadLetterAfter);
            if (indexes is null)
            {
                handOffs[first] = delivery;
            }
            else
            {
                foreach (var i in indexes)
                {
                    handOffs[i] = delivery;
                }
            }
        }

        return handOffs;
    }

    private async Task ScanAfter(Task before, ScanReceived scan, List<OutboundEvent> raised, int? deadLetterAfter)
    {
        await before;
        await Scan(scan, raised, deadLetterAfter);
    }

    private Task Scan(ScanReceived scan, List<OutboundEvent> raised, int? deadLetterAfter) =>
        deadLetterAfter is { } attempts
            ? OrDeadLetter(scan, () => ApplyScan(scan, raised), attempts)
            : ApplyScan(scan, raised);

    private async Task ApplyScan(ScanReceived scan, List<OutboundEvent> raised) =>
        raised.AddRange(await StringKeyGrain<IShipmentGrain>.Get(GrainFactory, scan.TrackingNumber).ApplyScan(scan));

    /// <summary>
    /// A vehicle's pings of the message, in one call; from the last attempt on one call per ping, so
    /// only the pings that still fail are dead-lettered.
    /// </summary>
    private async Task Pings(string vehicleId, PingReceived[] pings, List<OutboundEvent> raised, int? deadLetterAfter)
    {
        var vehicle = StringKeyGrain<IVehicleGrain>.Get(GrainFactory, vehicleId);
        if (deadLetterAfter is not { } attempts)
        {
            Applied(vehicleId, await vehicle.ApplyPings(new Immutable<PingReceived[]>(pings)), raised);
            return;
        }

        foreach (var ping in pings)
        {
            await OrDeadLetter(ping, async () => Applied(vehicleId, await vehicle.ApplyPings(new Immutable<PingReceived[]>([ping])), raised), attempts);
        }
    }

    private void Applied(string vehicleId, PingsApplied applied, List<OutboundEvent> raised)
    {
        raised.AddRange(applied.Raised);
        if (applied.Summary is { } summary && Newer(summary) is { } line)
        {
            if (_pacing.Offer(line, time.GetUtcNow()))
            {
                List(line);
            }
            else
            {
                _heldLines ??= this.RegisterGrainTimer(ListHeldLines, HeldLinesSweep, HeldLinesSweep);
            }
        }
    }

    /// <summary>
    /// Lists the lines held back whose refresh is over; the sweep stops once none is held. Each was newer
    /// than the vehicle's listed line when it was held (<see cref="Newer"/>), and listing a vehicle drops
    /// its held line, so none is older than what the list shows.
    /// </summary>
    private Task ListHeldLines()
    {
        foreach (var line in _pacing.Due(time.GetUtcNow()))
        {
            List(line);
        }

        if (_pacing.Held == 0)
        {
            _heldLines?.Dispose();
            _heldLines = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// <paramref name="summary"/> as the vehicle's next line, under the id the list holds; null when it is
    /// older than the line listed (a vehicle's fixes only move forward in event time).
    /// </summary>
    private FleetLine? Newer(VehicleSummary summary)
    {
        if (!_fleet.TryGet(summary.VehicleId, out var listed))
        {
            return new FleetLine(summary.VehicleId, summary);
        }

        return listed.At <= summary.Location.At ? new FleetLine(listed.VehicleId, summary) : null;
    }

    private void List(FleetLine line) => _fleet.Put(line.VehicleId, line.Position, line.Moving, line);

    private static IReadOnlyList<VehicleSummary> Summaries(IEnumerable<FleetLine> lines) => [.. lines.Select(l => l.ToSummary())];

    private async Task OrDeadLetter(InboundEvent e, Func<Task> deliver, int attempts)
    {
        try
        {
            await deliver();
        }
        catch (Exception ex)
        {
            await deadLetters.AddAsync(InboundDeadLetter.Of(e, Partition, ex.GetBaseException().Message, attempts, time.GetUtcNow()), CancellationToken.None);
            TrackingTelemetry.DeadLettered();
            LogDeadLettered(logger, ex, Partition, e.Source, e.Id, attempts);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: {Pending} of a message's {Count} events failed (attempt {Attempt}); the others are applied, these will be delivered again")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string partition, int pending, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition}: event {Source} {Id} failed {Attempts} deliveries and was dead-lettered")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, string partition, string source, string id, int attempts);
}
