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
        await using var batcher = Batcher(eventsPerMessage: 1, TimeSpan.Zero);
        var pings = Pings("p", QueueCapacity + 20);

        var refused = await Assert.ThrowsAsync<EventsNotAcceptedException>(() => batcher.PublishAsync(pings, CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, QueueCapacity), refused.Accepted);
        Assert.DoesNotContain("queue", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Requests of two events each, gathered four events to a message (so every message holds two
    /// requests' events), with room left in the queue for ten messages: each request learns which of its
    /// own events were taken, and together they account for exactly what the queue took.
    /// </summary>
    [Fact]
    public async Task ConcurrentRequestsSharingMessages_EachLearnsWhichOfItsEventsWereTaken()
    {
        const int room = 10;
        await using (var filler = Batcher(eventsPerMessage: 1, TimeSpan.Zero))
        {
            await filler.PublishAsync(Pings("fill", QueueCapacity - room), CancellationToken.None);
        }

        await using var batcher = Batcher(eventsPerMessage: 4, TimeSpan.FromMilliseconds(200));
        var requests = Enumerable.Range(0, 40).Select(r => Pings($"r{r}", 2)).ToArray();

        var outcomes = await Task.WhenAll(requests.Select(async events =>
        {
            try
            {
                await batcher.PublishAsync(events, CancellationToken.None);
                return (IReadOnlyList<int>)[.. Enumerable.Range(0, events.Length)];
            }
            catch (EventsNotAcceptedException refused)
            {
                return refused.Accepted;
            }
        }));

        // A request's events travel together here, so each is told all of its events or none.
        Assert.All(outcomes, accepted => Assert.True(accepted.Count is 0 or 2, $"[{string.Join(",", accepted)}]"));
        Assert.Equal(room * 4, outcomes.Sum(a => a.Count));
    }

    private PartitionBatcher Batcher(int eventsPerMessage, TimeSpan window) => new(
        _cluster.Client,
        Options.Create(new StreamOptions { Partitions = 1, BatchWindow = window, MaxEventsPerMessage = eventsPerMessage }),
        TimeProvider.System,
        NullLogger<PartitionBatcher>.Instance);

    private static InboundEvent[] Pings(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => (InboundEvent)new PingReceived(
        "/devices/test", $"{prefix}-{i}", T0.AddSeconds(i), $"V-{prefix}", new GeoPoint(51, 4), 50, null, null))];
}
