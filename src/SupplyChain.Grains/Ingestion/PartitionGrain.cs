using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Utilities;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Grains.Telemetry;

namespace SupplyChain.Grains.Ingestion;

/// <summary>
/// Consumes one inbound partition stream and hands each event to its shipment or vehicle: in
/// order for one key, different keys in parallel. If any hand-off fails the whole message fails,
/// so the stream provider delivers it again and the grains drop what they already applied.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Inbound)]
internal sealed partial class PartitionGrain(ILogger<PartitionGrain> logger) : Grain, IPartitionGrain
{
    private readonly Dictionary<string, VehicleSummary> _fleet = new(StringComparer.Ordinal);
    private readonly ObserverManager<ILiveFeedObserver> _watchers = new(LiveFeed.Expiry, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<InboundBatch>(StreamPartitioner.StreamOf(int.Parse(this.GetPrimaryKeyString(), System.Globalization.CultureInfo.InvariantCulture)));
        await stream.SubscribeAsync((batch, _) => Deliver(batch));
    }

    public Task<IReadOnlyList<VehicleSummary>> GetVehicles() =>
        Task.FromResult<IReadOnlyList<VehicleSummary>>([.. _fleet.Values]);

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

    private async Task Deliver(InboundBatch batch)
    {
        var byKey = new Dictionary<string, List<InboundEvent>>(StringComparer.Ordinal);
        foreach (var e in batch.Events)
        {
            if (!byKey.TryGetValue(e.Key, out var events))
            {
                byKey[e.Key] = events = [];
            }

            events.Add(e);
        }

        var raised = new List<OutboundEvent>();
        try
        {
            await Task.WhenAll(byKey.Values.Select(events => DeliverInOrder(events, raised)));
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(logger, ex, this.GetPrimaryKeyString(), batch.Events.Count);
            throw;
        }

        if (raised.Count > 0 && _watchers.Count > 0)
        {
            await _watchers.Notify(o => o.OnEvents(raised));
        }
    }

    private async Task DeliverInOrder(List<InboundEvent> events, List<OutboundEvent> raised)
    {
        foreach (var e in events)
        {
            using var activity = TrackingTelemetry.StartHandling(e, e is ScanReceived ? EventTypes.ItemScanned : EventTypes.GpsPing);
            switch (e)
            {
                case ScanReceived scan:
                    raised.AddRange(await GrainFactory.GetGrain<IShipmentGrain>(scan.TrackingNumber).ApplyScan(scan));
                    break;
                case PingReceived ping:
                    var outcome = await GrainFactory.GetGrain<IVehicleGrain>(ping.VehicleId).ApplyPing(ping);
                    if (outcome.Summary is { } summary)
                    {
                        _fleet[summary.VehicleId] = summary;
                    }

                    raised.AddRange(outcome.Raised);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: delivering a message of {Count} events failed; it will be redelivered")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string partition, int count);
}
