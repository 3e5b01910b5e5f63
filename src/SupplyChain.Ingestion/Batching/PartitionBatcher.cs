using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Ingestion.Batching;

/// <summary>
/// Gathers accepted events into one stream message per partition, as a group commit does: the
/// first event of a message waits at most <see cref="StreamOptions.BatchWindow"/> for company
/// from concurrent requests, and less once requests stop coming (<see cref="ArrivalGaps"/>); a full
/// message goes at once. A stream message is what the
/// platform pays for (a queue put, an Event Hubs event), so fewer, fuller messages are both
/// the throughput and the bill. Publishes of one partition run one at a time, which keeps the
/// order of a key's events. Thread safe.
/// </summary>
internal sealed partial class PartitionBatcher : IInboundEventSink, IAsyncDisposable
{
    /// <summary>
    /// How far the events' uncompressed size may exceed <see cref="StreamOptions.MaxMessageBytes"/>
    /// while they gather, when messages are compressed: a batch compresses to a third to a half of its
    /// size, and a message that still comes out too large is split in two at its flush.
    /// </summary>
    private const int CompressedGathering = 4;

    /// <summary>The indexes of a request's only event.</summary>
    private static readonly int[] OnlyEvent = [0];

    private readonly IClusterClient _client;
    private readonly StreamOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PartitionBatcher> _logger;
    private readonly Channel<Pending>[] _queues;
    private readonly Task[] _loops;
    private readonly bool _compress;

    /// <summary>How many bytes of events, uncompressed, a message may gather.</summary>
    private readonly int _gatherBytes;
    private IStreamProvider? _provider;

    public PartitionBatcher(
        IClusterClient client, IOptions<StreamOptions> options, TimeProvider time, ILogger<PartitionBatcher> logger)
    {
        _client = client;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _compress = _options.CompressMessages == true;
        _gatherBytes = _compress ? _options.MaxMessageBytes * CompressedGathering : _options.MaxMessageBytes;
        _queues = new Channel<Pending>[_options.Partitions];
        _loops = new Task[_options.Partitions];
        for (var p = 0; p < _options.Partitions; p++)
        {
            _queues[p] = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
            var partition = p;
            _loops[p] = Task.Run(() => RunAsync(partition));
        }
    }

    public async Task PublishAsync(IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken)
    {
        var all = events.Count == 1 ? Queue(events[0], out var queued) : Queue(events, out queued);
        try
        {
            await (queued is [var only] ? only.Done.Task : Task.WhenAll(queued.Select(q => q.Done.Task))).WaitAsync(cancellationToken);
        }
        catch (EventsNotAcceptedException)
        {
            throw Refused(queued, "The event stream is not accepting events right now.");
        }

        if (!all)
        {
            throw Refused(queued, "The silo is shutting down.");
        }
    }

    /// <summary>
    /// A request of one event, the shape devices post: a slot in its partition's next message and one
    /// completion, without the bookkeeping of a batch.
    /// </summary>
    private bool Queue(InboundEvent e, out List<Pending> queued)
    {
        var pending = new Pending([e], OnlyEvent, InboundBatchEncoding.SizeBound(e, null), _time.GetTimestamp());
        var written = _queues[StreamPartitioner.PartitionOf(e.Key, _options.Partitions)].Writer.TryWrite(pending);
        queued = written ? [pending] : [];
        return written;
    }

    /// <summary>
    /// A request's events, split by partition and into pieces that each fit a message, in their
    /// partitions' queues; false when the silo is shutting down and some could not be queued.
    /// </summary>
    private bool Queue(IReadOnlyList<InboundEvent> events, out List<Pending> queued)
    {
        var perPartition = new List<int>?[_options.Partitions];
        for (var i = 0; i < events.Count; i++)
        {
            (perPartition[StreamPartitioner.PartitionOf(events[i].Key, _options.Partitions)] ??= []).Add(i);
        }

        queued = [];
        for (var p = 0; p < perPartition.Length; p++)
        {
            if (perPartition[p] is not { } indexes)
            {
                continue;
            }

            foreach (var pending in Chunk(events, indexes))
            {
                if (!_queues[p].Writer.TryWrite(pending))
                {
                    return false;
                }

                queued.Add(pending);
            }
        }

        return true;
    }

    /// <summary>The refusal of a request, naming the events of <paramref name="queued"/> that were published all the same.</summary>
    private static EventsNotAcceptedException Refused(List<Pending> queued, string message)
    {
        var accepted = queued.SelectMany(q => q.Indexes.Take(q.Published)).Order().ToArray();
        return new EventsNotAcceptedException(message, accepted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(_loops);
    }

    /// <summary>The events at <paramref name="indexes"/> (one partition's) in pieces that each fit a message.</summary>
    private IEnumerable<Pending> Chunk(IReadOnlyList<InboundEvent> events, List<int> indexes)
    {
        var start = 0;
        var bytes = 0;
        for (var i = 0; i < indexes.Count; i++)
        {
            var size = InboundBatchEncoding.SizeBound(events[indexes[i]], i > start ? events[indexes[i - 1]] : null);
            if (i > start && (i - start >= _options.MaxEventsPerMessage || bytes + size > _gatherBytes))
            {
                yield return Piece(start, i, bytes);
                start = i;
                bytes = 0;
            }

            bytes += size;
        }

        yield return Piece(start, indexes.Count, bytes);

        Pending Piece(int from, int to, int size)
        {
            var positions = new int[to - from];
            var piece = new InboundEvent[positions.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i] = indexes[from + i];
                piece[i] = events[positions[i]];
            }

            return new Pending(piece, positions, size, _time.GetTimestamp());
        }
    }

    private async Task RunAsync(int partition)
    {
        var reader = _queues[partition].Reader;
        var gaps = new ArrivalGaps();

        // A wait for more that the window's end beat is kept for the next wait, never cancelled: a
        // cancelled channel wait ends in an exception thrown and caught inside the runtime, and under
        // device traffic the window (or the quiet) ends nearly every message (docs/benchmarks.md).
        Task<bool>? waitingForMore = null;
        while (await (waitingForMore is { } kept ? new ValueTask<bool>(kept) : reader.WaitToReadAsync()))
        {
            waitingForMore = null;
            if (!reader.TryRead(out var first))
            {
                continue;
            }

            var batch = new List<Pending> { first };
            var count = first.Events.Length;
            var bytes = first.Bytes;
            var last = first.QueuedAt;
            while (count < _options.MaxEventsPerMessage)
            {
                if (reader.TryPeek(out var next))
                {
                    // What does not fit stays queued and opens the next message.
                    if (count + next.Events.Length > _options.MaxEventsPerMessage || bytes + next.Bytes > _gatherBytes)
                    {
                        break;
                    }

                    reader.TryRead(out _);
                    batch.Add(next);
                    gaps.Observe(_time.GetElapsedTime(last, next.QueuedAt));
                    last = next.QueuedAt;
                    count += next.Events.Length;
                    bytes += next.Bytes;
                    continue;
                }

                // The window counts from when the first event was queued: it is the longest any event waits.
                var now = _time.GetTimestamp();
                var windowLeft = _options.BatchWindow - _time.GetElapsedTime(first.QueuedAt, now);
                var quietLeft = gaps.QuietWithin(_options.BatchWindow) - _time.GetElapsedTime(last, now);
                var remaining = quietLeft < windowLeft ? quietLeft : windowLeft;

                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                waitingForMore ??= reader.WaitToReadAsync().AsTask();
                if (await Task.WhenAny(waitingForMore, Task.Delay(remaining, _time)) != waitingForMore)
                {
                    break;
                }

                var open = await waitingForMore;
                waitingForMore = null;
                if (!open)
                {
                    break;
                }
            }

            await FlushAsync(partition, batch, count);
        }
    }

    private async Task FlushAsync(int partition, List<Pending> batch, int count)
    {
        var events = new InboundEvent[count];
        var offset = 0;
        foreach (var pending in batch)
        {
            pending.Events.CopyTo(events, offset);
            offset += pending.Events.Length;
        }

        // How many of the events, from the first, are published: messages go out in order and the
        // first failure stops the rest, so those are exactly the ones the provider has.
        var published = new StrongBox<int>();
        try
        {
            _provider ??= _client.GetStreamProvider(StreamNames.Provider);
            var stream = _provider.GetStream<InboundBatch>(StreamPartitioner.StreamOf(partition));
            if (_compress)
            {
                await PublishCompressed(stream, events, published);
            }
            else
            {
                await Publish(stream, new InboundBatch(events) { PublishedAt = _time.GetUtcNow() }, published);
            }

            foreach (var pending in batch)
            {
                pending.Published = pending.Events.Length;
                pending.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            LogPublishFailed(_logger, ex, partition, count, published.Value);
            var refused = new EventsNotAcceptedException();
            offset = 0;
            foreach (var pending in batch)
            {
                pending.Published = Math.Clamp(published.Value - offset, 0, pending.Events.Length);
                offset += pending.Events.Length;
                if (pending.Published == pending.Events.Length)
                {
                    pending.Done.TrySetResult();
                }
                else
                {
                    pending.Done.TrySetException(refused);
                }
            }
        }
    }

    /// <summary>
    /// Publishes <paramref name="events"/> compressed, as one message when it fits the byte bound,
    /// else as two halves (each split again if need be), the first half first, so a key's order holds.
    /// A single event always fits: the door bounds each one below a message's size.
    /// </summary>
    private async Task PublishCompressed(IAsyncStream<InboundBatch> stream, ArraySegment<InboundEvent> events, StrongBox<int> published)
    {
        var encoded = InboundBatchEncoding.Encode(events, compress: true);
        if (encoded.Length <= _options.MaxMessageBytes || events.Count == 1)
        {
            await Publish(stream, new InboundBatch(events) { Encoded = encoded, PublishedAt = _time.GetUtcNow() }, published);
            return;
        }

        var half = events.Count / 2;
        await PublishCompressed(stream, events[..half], published);
        await PublishCompressed(stream, events[half..], published);
    }

    private static async Task Publish(IAsyncStream<InboundBatch> stream, InboundBatch message, StrongBox<int> published)
    {
        await stream.OnNextAsync(message);
        published.Value += message.Events.Count;
        IngestionTelemetry.RecordMessage(message.Events.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} events to partition {Partition} failed after {Published} were published")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int partition, int count, int published);

    /// <summary>One request's events for one partition, waiting for a message.</summary>
    /// <param name="events">The events.</param>
    /// <param name="indexes">Where each event is in the request's list.</param>
    /// <param name="bytes">Their size bound in a message.</param>
    /// <param name="queuedAt">When they were queued (<see cref="TimeProvider.GetTimestamp"/>).</param>
    private sealed class Pending(InboundEvent[] events, int[] indexes, int bytes, long queuedAt)
    {
        public InboundEvent[] Events { get; } = events;

        public int[] Indexes { get; } = indexes;

        public int Bytes { get; } = bytes;

        public long QueuedAt { get; } = queuedAt;

        /// <summary>How many of <see cref="Events"/>, from the first, the provider took; set before <see cref="Done"/> completes.</summary>
        public int Published { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
