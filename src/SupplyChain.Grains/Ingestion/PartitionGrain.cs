using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Utilities;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Grains.References;
using SupplyChain.Grains.Telemetry;
using SupplyChain.Grains.Vehicles;

namespace SupplyChain.Grains.Ingestion;

/// <summary>
/// Consumes one inbound partition stream: hands each scan to its shipment and applies each ping to
/// its vehicle, which this grain's <see cref="Fleet"/> holds (no grain call per ping): in order for
/// one key, different keys in parallel. If any hand-off fails the message fails, so the stream
/// provider delivers it again, and every later message of the partition waits behind it. The grain
/// remembers which keys of a failing message were applied and delivers only the others again, so
/// a poison event costs its own key, not the message's other events; on the
/// <see cref="DeadLetterOptions.MaxAttempts"/>th delivery each event still failing goes to the
/// <see cref="IDeadLetterStore"/>, so the stream moves on within a bounded time (the attempts and
/// the provider's capped retry delays). Until then the partition's <see cref="PartitionLag"/> grows.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Inbound)]
internal sealed partial class PartitionGrain(
    Fleet fleet,
    ILogger<PartitionGrain> logger,
    IDeadLetterStore deadLetters,
    IOptions<DeadLetterOptions> deadLetterOptions,
    PartitionLag lag,
    TimeProvider time)
    : Grain, IPartitionGrain
{
    /// <summary>Failing messages whose attempts are counted at once; beyond this the counts start over (more retries, never fewer).</summary>
    private const int TrackedFailuresLimit = 1024;

    private readonly Dictionary<StreamSequenceToken, FailingMessage> _failing = [];
    private readonly ObserverManager<ILiveFeedObserver> _watchers = new(LiveFeed.Expiry, logger);
    private PartitionLag.Head? _lag;

    private string Partition => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<InboundBatch>(StreamPartitioner.StreamOf(int.Parse(Partition, System.Globalization.CultureInfo.InvariantCulture)));
        await stream.SubscribeAsync(Deliver);
        _lag = lag.Track(Partition);
        this.RegisterGrainTimer(fleet.LetGoOfIdle, fleet.IdleCheckPeriod, fleet.IdleCheckPeriod);
        this.RegisterGrainTimer(fleet.RetryAlerts, Fleet.AlertRetryCheckPeriod, Fleet.AlertRetryCheckPeriod);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_lag is { } head)
        {
            lag.Forget(Partition, head);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VehicleSummary>> GetVehicles() => Task.FromResult(fleet.Summaries());

    public Task<VehicleView?> GetVehicle(string vehicleId) => fleet.View(vehicleId);

    public Task Carry(string vehicleId, string trackingNumber) => fleet.Carry(vehicleId, trackingNumber);

    public Task Release(string vehicleId, string trackingNumber) => fleet.Release(vehicleId, trackingNumber);

    public Task Relay(IReadOnlyList<OutboundEvent> events) =>
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
        var failing = token is null ? null : _failing.GetValueOrDefault(token);
        var startedAt = failing?.FirstAttemptAt ?? time.GetTimestamp();
        _lag?.Waiting(startedAt);
        var attempt = (failing?.FailedAttempts ?? 0) + 1;
        var raised = new List<OutboundEvent>();
        // From the last attempt on, an event that still fails is dead-lettered instead of failing the message.
        int? deadLetterAfter = attempt >= deadLetterOptions.Value.MaxAttempts ? attempt : null;
        var handOffs = HandOff(batch.Events, failing?.Applied, raised, deadLetterAfter);
        try
        {
            await Task.WhenAll(handOffs);
        }
        catch (Exception ex)
        {
            failing ??= new FailingMessage(startedAt, batch.Events.Count);
            failing.FailedAttempts = attempt;
            NoteApplied(batch.Events, handOffs, failing.Applied);
            if (token is not null)
            {
                Remember(token, failing);
            }

            LogDeliveryFailed(logger, ex, Partition, failing.Pending, batch.Events.Count, attempt);
            // What was applied is shown now: its copies in the next delivery are skipped, or dropped as seen.
            await RelayRaised(raised);
            throw;
        }

        if (token is not null)
        {
            _failing.Remove(token);
        }

        _lag?.CaughtUp();
        await RelayRaised(raised);
    }

    private Task RelayRaised(List<OutboundEvent> raised) => raised.Count > 0 ? Relay(raised) : Task.CompletedTask;

    private void Remember(StreamSequenceToken token, FailingMessage failing)
    {
        if (_failing.Count >= TrackedFailuresLimit && !_failing.ContainsKey(token))
        {
            _failing.Clear();
        }

        _failing[token] = failing;
    }

    /// <summary>
    /// Marks the events of every key whose hand-offs all succeeded (or were dead-lettered) in this
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
    /// Starts every pending event's hand-off: one key's events each after the one before it (and not
    /// at all once one failed, so a redelivery finds them in order), different keys at once. Events
    /// applied in an earlier attempt (<paramref name="applied"/>) are skipped. Most keys have one
    /// event in a message, so this costs no list per key.
    /// </summary>
    private Task[] HandOff(IReadOnlyList<InboundEvent> events, bool[]? applied, List<OutboundEvent> raised, int? deadLetterAfter)
    {
        var latestOfKey = new Dictionary<string, int>(events.Count, StringComparer.Ordinal);
        var handOffs = new Task[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            if (applied is not null && applied[i])
            {
                handOffs[i] = Task.CompletedTask;
                continue;
            }

            var e = events[i];
            handOffs[i] = latestOfKey.TryGetValue(e.Key, out var before)
                ? DeliverAfter(handOffs[before], e, raised, deadLetterAfter)
                : DeliverEvent(e, raised, deadLetterAfter);
            latestOfKey[e.Key] = i;
        }

        return handOffs;
    }

    private async Task DeliverAfter(Task before, InboundEvent e, List<OutboundEvent> raised, int? deadLetterAfter)
    {
        await before;
        await DeliverEvent(e, raised, deadLetterAfter);
    }

    private Task DeliverEvent(InboundEvent e, List<OutboundEvent> raised, int? deadLetterAfter) =>
        deadLetterAfter is { } attempts ? DeliverOrDeadLetter(e, raised, attempts) : DeliverOne(e, raised);

    private async Task DeliverOrDeadLetter(InboundEvent e, List<OutboundEvent> raised, int attempts)
    {
        try
        {
            await DeliverOne(e, raised);
        }
        catch (Exception ex)
        {
            await deadLetters.AddAsync(DeadLetter.Of(e, Partition, ex.GetBaseException().Message, attempts, time.GetUtcNow()), CancellationToken.None);
            TrackingTelemetry.DeadLettered();
            LogDeadLettered(logger, ex, Partition, e.Source, e.Id, attempts);
        }
    }

    private async Task DeliverOne(InboundEvent e, List<OutboundEvent> raised)
    {
        switch (e)
        {
            case ScanReceived scan:
                raised.AddRange(await StringKeyGrain<IShipmentGrain>.Get(GrainFactory, scan.TrackingNumber).ApplyScan(scan));
                break;
            case PingReceived ping:
                raised.AddRange(await fleet.Apply(ping));
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: {Pending} of a message's {Count} events failed (attempt {Attempt}); the others are applied, these will be delivered again")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string partition, int pending, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition}: event {Source} {Id} failed {Attempts} deliveries and was dead-lettered")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, string partition, string source, string id, int attempts);
}
