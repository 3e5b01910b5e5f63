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
/// one key, different keys in parallel. If any hand-off fails the whole message fails,
/// so the stream provider delivers it again and the grains drop what they already applied. On
/// the <see cref="DeadLetterOptions.MaxAttempts"/>th delivery each event is tried on its own and
/// those that still fail go to the <see cref="IDeadLetterStore"/>, so the stream moves on.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Inbound)]
internal sealed partial class PartitionGrain(
    Fleet fleet, ILogger<PartitionGrain> logger, IDeadLetterStore deadLetters, IOptions<DeadLetterOptions> deadLetterOptions, TimeProvider time)
    : Grain, IPartitionGrain
{
    /// <summary>Failing messages whose attempts are counted at once; beyond this the counts start over (more retries, never fewer).</summary>
    private const int TrackedFailuresLimit = 1024;

    private readonly Dictionary<StreamSequenceToken, int> _failedAttempts = [];
    private readonly ObserverManager<ILiveFeedObserver> _watchers = new(LiveFeed.Expiry, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<InboundBatch>(StreamPartitioner.StreamOf(int.Parse(this.GetPrimaryKeyString(), System.Globalization.CultureInfo.InvariantCulture)));
        await stream.SubscribeAsync(Deliver);
        this.RegisterGrainTimer(fleet.LetGoOfIdle, fleet.IdleCheckPeriod, fleet.IdleCheckPeriod);
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
        var raised = new List<OutboundEvent>();
        var attempt = token is null ? 1 : _failedAttempts.GetValueOrDefault(token) + 1;
        try
        {
            // The last attempt isolates each event: what still fails is dead-lettered, the rest applied.
            int? deadLetterAfter = attempt >= deadLetterOptions.Value.MaxAttempts ? attempt : null;
            await Task.WhenAll(HandOff(batch.Events, raised, deadLetterAfter));
            if (token is not null)
            {
                _failedAttempts.Remove(token);
            }
        }
        catch (Exception ex)
        {
            if (token is not null)
            {
                if (_failedAttempts.Count >= TrackedFailuresLimit)
                {
                    _failedAttempts.Clear();
                }

                _failedAttempts[token] = attempt;
            }

            LogDeliveryFailed(logger, ex, this.GetPrimaryKeyString(), batch.Events.Count, attempt);
            throw;
        }

        if (raised.Count > 0 && _watchers.Count > 0)
        {
            await _watchers.Notify(o => o.OnEvents(raised));
        }
    }

    /// <summary>
    /// Starts every event's hand-off: one key's events each after the one before it (and not at all
    /// once one failed, so a redelivery finds them in order), different keys at once. Most keys have
    /// one event in a message, so this costs no list per key.
    /// </summary>
    private Task[] HandOff(IReadOnlyList<InboundEvent> events, List<OutboundEvent> raised, int? deadLetterAfter)
    {
        var latestOfKey = new Dictionary<string, int>(events.Count, StringComparer.Ordinal);
        var handOffs = new Task[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
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
            var letter = new DeadLetter(DeadLetter.IdOf(e), this.GetPrimaryKeyString(), e, ex.GetBaseException().Message, attempts, time.GetUtcNow());
            await deadLetters.AddAsync(letter, CancellationToken.None);
            TrackingTelemetry.DeadLettered();
            LogDeadLettered(logger, ex, this.GetPrimaryKeyString(), e.Source, e.Id, attempts);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: delivering a message of {Count} events failed (attempt {Attempt}); it will be redelivered")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string partition, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition}: event {Source} {Id} failed {Attempts} deliveries and was dead-lettered")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, string partition, string source, string id, int attempts);
}
