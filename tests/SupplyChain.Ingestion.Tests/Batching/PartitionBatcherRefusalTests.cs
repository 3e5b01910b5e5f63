using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.TestingHost;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Ingestion.Batching;

namespace SupplyChain.Ingestion.Tests.Batching;

/// <summary>
/// What a request is told when the stream provider fails part-way through its events. The failure is
/// the memory stream provider's own: its queue holds at most 16,384 messages, and a silo that does not
/// read the queue (no stream provider of its own) lets it fill.
/// </summary>
public sealed class PartitionBatcherRefusalTests : IAsyncLifetime
{
    /// <summary>What a memory stream queue holds before it refuses.</summary>
    private const int QueueCapacity = 16_384;

    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureClient(c => c.AddMemoryStreams(StreamNames.Provider, s => s.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly)));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AProviderFailingPartWay_NamesExactlyTheEventsItTook()
    {
        await using var batcher = new PartitionBatcher(
            _cluster.Client,
            Options.Create(new StreamOptions { Partitions = 1, BatchWindow = TimeSpan.Zero, MaxEventsPerMessage = 1 }),
            TimeProvider.System,
            NullLogger<PartitionBatcher>.Instance);
        InboundEvent[] pings = [.. Enumerable.Range(0, QueueCapacity + 20).Select(i => (InboundEvent)new PingReceived(
            "/devices/test", $"p-{i}", T0.AddSeconds(i), "V1", new GeoPoint(51, 4), 50, null, null))];

        var refused = await Assert.ThrowsAsync<EventsNotAcceptedException>(() => batcher.PublishAsync(pings, CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, QueueCapacity), refused.Accepted);
        Assert.DoesNotContain("queue", refused.Message, StringComparison.OrdinalIgnoreCase);
    }
}
