using Microsoft.Extensions.Logging;
using Orleans.Streams;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;

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

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<InboundBatch>(StreamPartitioner.StreamOf(int.Parse(this.GetPrimaryKeyString(), System.Globalization.CultureInfo.InvariantCulture)));
        await stream.SubscribeAsync((batch, _) => Deliver(batch));
    }

    public Task<IReadOnlyList<VehicleSummary>> GetVehicles() =>
        Task.FromResult<IReadOnlyList<VehicleSummary>>([.. _fleet.Values]);

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

        try
        {
            await Task.WhenAll(byKey.Values.Select(DeliverInOrder));
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(logger, ex, this.GetPrimaryKeyString(), batch.Events.Count);
            throw;
        }
    }

    private async Task DeliverInOrder(List<InboundEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case ScanReceived scan:
                    await GrainFactory.GetGrain<IShipmentGrain>(scan.TrackingNumber).ApplyScan(scan);
                    break;
                case PingReceived ping:
                    if (await GrainFactory.GetGrain<IVehicleGrain>(ping.VehicleId).ApplyPing(ping) is { } summary)
                    {
                        _fleet[summary.VehicleId] = summary;
                    }

                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: delivering a message of {Count} events failed; it will be redelivered")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string partition, int count);
}
