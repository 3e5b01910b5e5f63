using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Writing;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;

namespace SupplyChain.Archive.Streams;

/// <summary>
/// The second implicit subscriber of each inbound partition stream, beside the partition grain. Each
/// delivery (up to the pulling agent's batch of messages) goes to its silo's <see cref="ArchiveWriter"/>
/// and completes only once the events are in a written file: until then the stream provider keeps the
/// messages (a queue message is deleted only when every consumer is past it), so a crash before the
/// write means the messages are delivered again, not lost. The pulling agent runs each consumer's
/// deliveries on its own cursor, so the partition grain is not held back meanwhile.
/// </summary>
/// <remarks>
/// Orleans subscribes it in any silo that loads this assembly, registered or not. A consumer that
/// failed there would hold every queue's messages (every Event Hubs checkpoint) back for good, so in
/// a silo without <see cref="Hosting.ArchiveServiceCollectionExtensions.AddSupplyChainArchive"/> it
/// says so once per activation and completes each delivery at once, as a disabled archive does.
/// </remarks>
[ImplicitStreamSubscription(StreamNames.Inbound)]
internal sealed partial class ArchivePartitionGrain(
    IServiceProvider services, IOptionsMonitor<StreamPullingAgentOptions> agents, IOptions<ArchiveOptions> options, TimeProvider time, ILogger<ArchivePartitionGrain> logger)
    : Grain, IArchivePartitionGrain
{
    private readonly ArchiveWriter? _writer = services.GetService<ArchiveWriter>();
    private int _fullDelivery;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _fullDelivery = Math.Max(1, agents.Get(StreamNames.Provider).BatchContainerBatchSize);
        if (_writer is null)
        {
            LogNotRegistered(logger, this.GetPrimaryKeyString());
        }

        var partition = int.Parse(this.GetPrimaryKeyString(), CultureInfo.InvariantCulture);
        var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<InboundBatch>(StreamPartitioner.StreamOf(partition));
        await stream.SubscribeAsync(Deliver);
    }

    private Task Deliver(IList<SequentialItem<InboundBatch>> messages)
    {
        if (_writer is null)
        {
            return Task.CompletedTask;
        }

        var events = messages.Count == 1 ? messages[0].Item.Events : [.. messages.SelectMany(m => m.Item.Events)];
        var oldest = messages.Min(m => m.Item.PublishedAt);
        return _writer.AppendInbound(events, FlushPolicy.DeliveryIsBehind(messages.Count, _fullDelivery, oldest, time.GetUtcNow(), options.Value.MaxDelay));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive partition {Partition}: the archive is not registered in this silo (AddSupplyChainArchive); its inbound events are passed over, not archived")]
    private static partial void LogNotRegistered(ILogger logger, string partition);
}
