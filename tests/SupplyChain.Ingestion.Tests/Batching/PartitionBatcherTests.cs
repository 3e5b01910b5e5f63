using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Testing;

namespace SupplyChain.Ingestion.Tests.Batching;

/// <summary>The batcher against a real silo with memory streams and a recording consumer per partition.</summary>
public sealed class PartitionBatcherTests : IAsyncLifetime
{
    private const int Partitions = 2;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.AddMemoryStreams(StreamNames.Provider, c => c.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly));
        });
        builder.ConfigureClient(c => c.AddMemoryStreams(StreamNames.Provider, s => s.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly)));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private PartitionBatcher Batcher(TimeSpan window, int maxEvents = 500, int maxBytes = 40_000, bool compress = false, TimeProvider? time = null) => new(
        _cluster.Client,
        Options.Create(new StreamOptions { Partitions = Partitions, BatchWindow = window, MaxEventsPerMessage = maxEvents, MaxMessageBytes = maxBytes, CompressMessages = compress }),
        time ?? TimeProvider.System,
        NullLogger<PartitionBatcher>.Instance);

    private static PingReceived Ping(string vehicle, int i) =>
        new("/devices/test", $"{vehicle}-{i:D4}", T0.AddSeconds(i), vehicle, new GeoPoint(51, 4), 50, null, null);

    /// <summary>Two vehicles per partition, found by the same hash the batcher uses.</summary>
    private static string VehicleIn(int partition, int n) =>
        Enumerable.Range(0, 10_000).Select(i => $"V{partition}-{n}-{i}").First(v => StreamPartitioner.PartitionOf(v, Partitions) == partition);

    /// <summary>The messages the partition received, once they hold <paramref name="expectedEvents"/> events; fails when they never do.</summary>
    /// <summary>
    /// The messages partition <paramref name="partition"/> received once they hold <paramref name="expectedEvents"/>
    /// events; fails when fewer arrive by the deadline, or more.
    /// </summary>
    private async Task<IReadOnlyList<IReadOnlyList<string>>> MessagesOf(int partition, int expectedEvents)
    {
        var grain = _cluster.Client.GetGrain<IRecordingPartitionGrain>(partition.ToString(CultureInfo.InvariantCulture));
        var messages = await Eventually.Until(
            grain.Messages, m => m.Sum(e => e.Count) >= expectedEvents, $"{expectedEvents} events on partition {partition}", TimeSpan.FromSeconds(15));
        Assert.Equal(expectedEvents, messages.Sum(m => m.Count));
        return messages;
    }

    [Fact]
    public async Task ConcurrentRequests_GatheredIntoFewMessages_OrderKeptPerKey()
    {
        await using var batcher = Batcher(TimeSpan.FromMilliseconds(200));
        var vehicle = VehicleIn(0, 1);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => batcher.PublishAsync([Ping(vehicle, i)], CancellationToken.None)));

        var messages = await MessagesOf(0, 20);
        Assert.Equal(20, messages.Sum(m => m.Count));
        Assert.True(messages.Count < 20, $"20 requests went out as {messages.Count} messages");
        var ids = messages.SelectMany(m => m).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    /// <summary>
    /// Requests that stop coming are not held for the whole window: a window of a minute, and the
    /// answers come once the silence after the requests passes (a twentieth of the window at most).
    /// </summary>
    [Fact]
    public async Task RequestsStopComing_MessageGoesBeforeTheWindowEnds()
    {
        await using var batcher = Batcher(TimeSpan.FromMinutes(1));
        var vehicle = VehicleIn(0, 1);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => batcher.PublishAsync([Ping(vehicle, i)], CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(5, (await MessagesOf(0, 5)).Sum(m => m.Count));
    }

    /// <summary>
    /// A request alone waits for the window's end; one that joins it a millisecond later shows requests
    /// coming, and the quiet after them (a twentieth of the window) ends the message sooner, though a
    /// timer for the window's end was already set.
    /// </summary>
    [Fact]
    public async Task ASecondRequest_BringsTheMessagesEndForward()
    {
        var clock = new CountingClock(T0);
        await using var batcher = Batcher(TimeSpan.FromMinutes(1), time: clock);
        var vehicle = VehicleIn(0, 1);

        var first = batcher.PublishAsync([Ping(vehicle, 0)], CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(clock.Timers), n => n == 1, "the timer for the window's end");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = batcher.PublishAsync([Ping(vehicle, 1)], CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(clock.Timers), n => n == 2, "the timer for the quiet's end");
        clock.Advance(TimeSpan.FromSeconds(3));

        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(2, Assert.Single(await MessagesOf(0, 2)).Count);
    }

    [Fact]
    public async Task OneRequest_SpreadOverPartitions_OneMessageEach()
    {
        await using var batcher = Batcher(TimeSpan.FromMilliseconds(5));
        InboundEvent[] events = [.. Enumerable.Range(0, 10).Select(i => Ping(VehicleIn(i % Partitions, 2), i))];

        await batcher.PublishAsync(events, CancellationToken.None);

        Assert.Single(await MessagesOf(0, 5));
        Assert.Single(await MessagesOf(1, 5));
    }

    [Fact]
    public async Task LargeRequest_SplitsAtTheEventBound()
    {
        await using var batcher = Batcher(TimeSpan.FromSeconds(1), maxEvents: 10);
        var vehicle = VehicleIn(1, 3);

        await batcher.PublishAsync([.. Enumerable.Range(0, 25).Select(i => Ping(vehicle, i))], CancellationToken.None);

        Assert.Equal([10, 10, 5], (await MessagesOf(1, 25)).Select(m => m.Count));
    }

    [Fact]
    public async Task MessageOverByteBound_Splits()
    {
        var vehicle = VehicleIn(0, 4);
        var first = InboundBatchEncoding.SizeBound(Ping(vehicle, 0), previous: null);
        var next = InboundBatchEncoding.SizeBound(Ping(vehicle, 1), previous: Ping(vehicle, 0));
        await using var batcher = Batcher(TimeSpan.FromMilliseconds(5), maxBytes: first + (next * 3));

        await batcher.PublishAsync([.. Enumerable.Range(0, 10).Select(i => Ping(vehicle, i))], CancellationToken.None);

        Assert.Equal([4, 4, 2], (await MessagesOf(0, 10)).Select(m => m.Count));
    }

    [Fact]
    public async Task Compressed_HoldsMoreThanTheUncompressedBound_AndWhatStillDoesNotFitIsSplitInOrder()
    {
        // Ids and positions as varied as real devices send: the batch compresses about twofold, so all
        // of it gathers into one message, which then comes out over the bound and must be split.
        var vehicle = VehicleIn(1, 5);
        var random = new Random(7);
        InboundEvent[] pings = [.. Enumerable.Range(0, 400).Select(i => (InboundEvent)new PingReceived(
            "/devices/test", Guid.NewGuid().ToString(), T0.AddSeconds(i), vehicle, new GeoPoint(50 + random.NextDouble(), 4 + random.NextDouble()), random.Next(90), null, null))];
        var plain = pings.Select((p, i) => InboundBatchEncoding.SizeBound(p, i == 0 ? null : pings[i - 1])).Sum();
        var compressed = InboundBatchEncoding.Encode(pings, compress: true).Length;
        var bound = (compressed * 2) / 3;
        Assert.True(bound < InboundBatchEncoding.Encode(pings).Length && plain <= bound * 4, $"400 pings: {plain} bytes plain at most, {compressed} compressed");
        await using var batcher = Batcher(TimeSpan.FromMilliseconds(5), maxEvents: 1000, maxBytes: bound, compress: true);

        await batcher.PublishAsync(pings, CancellationToken.None);

        var messages = await MessagesOf(1, pings.Length);
        Assert.Equal(pings.Select(p => p.Id), messages.SelectMany(m => m));
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.True(
            InboundBatchEncoding.Encode([.. m.Select(id => pings.Single(p => p.Id == id))], compress: true).Length <= bound,
            $"a message of {m.Count} pings over the {bound}-byte bound"));
    }

    [Fact]
    public async Task AfterShutdown_RefusesWithEventsNotAccepted()
    {
        var batcher = Batcher(TimeSpan.FromMilliseconds(5));
        await batcher.DisposeAsync();

        await Assert.ThrowsAsync<EventsNotAcceptedException>(() => batcher.PublishAsync([Ping("V", 1)], CancellationToken.None));
    }

    /// <summary>A clock the test moves, counting the timers set on it.</summary>
    private sealed class CountingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
