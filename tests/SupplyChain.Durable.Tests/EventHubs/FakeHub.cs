using System.Collections.Concurrent;
using System.Globalization;
using Azure.Messaging.EventHubs;
using Orleans.Streaming.EventHubs;

namespace SupplyChain.Durable.Tests.EventHubs;

/// <summary>
/// The one part of Event Hubs that cannot run here: the hub's partitions, as in-memory logs
/// with sequence numbers and offsets. Everything around it (Orleans' receiver, cache, pulling
/// agents, Azure Table checkpointer, delivery to grains) is the real provider. Thread safe.
/// </summary>
public sealed class FakeHub(params string[] partitions)
{
    private readonly ConcurrentDictionary<string, List<EventData>> _logs = new(partitions.Select(p => KeyValuePair.Create(p, new List<EventData>())));

    public string[] Partitions { get; } = partitions;

    /// <summary>Each receiver opened: its partition and the offset it was asked to start after.</summary>
    public ConcurrentQueue<(string Partition, string Offset)> Opened { get; } = new();

    /// <summary>Appends <paramref name="data"/> to <paramref name="partition"/>, as the service would: a sequence number and an offset.</summary>
    public string Append(string partition, EventData data, string partitionKey)
    {
        var log = _logs[partition];
        lock (log)
        {
            var sequence = log.Count;
            var offset = sequence.ToString(CultureInfo.InvariantCulture);
            log.Add(EventHubsModelFactory.EventData(data.EventBody, data.Properties, null, partitionKey, sequence, offset, DateTimeOffset.UtcNow));
            return offset;
        }
    }

    /// <summary>The offset of the last event in <paramref name="partition"/>, or null when it is empty.</summary>
    public string? LastOffset(string partition)
    {
        var log = _logs[partition];
        lock (log)
        {
            return log.Count == 0 ? null : log[^1].OffsetString;
        }
    }

    /// <summary>A receiver of <paramref name="partition"/> after <paramref name="offset"/> (<c>-1</c>: from the start).</summary>
    public IEventHubReceiver Open(string partition, string offset)
    {
        Opened.Enqueue((partition, offset));
        // "-1" is the provider's "start of stream" (no checkpoint yet).
        var next = offset == "-1" ? 0 : long.Parse(offset, CultureInfo.InvariantCulture) + 1;
        return new Receiver(_logs[partition], next);
    }

    private sealed class Receiver(List<EventData> log, long next) : IEventHubReceiver
    {
        private long _next = next;

        public Task<IEnumerable<EventData>> ReceiveAsync(int maxCount, TimeSpan waitTime)
        {
            lock (log)
            {
                var batch = log.Skip((int)_next).Take(maxCount).ToList();
                _next += batch.Count;
                return Task.FromResult<IEnumerable<EventData>>(batch);
            }
        }

        public Task CloseAsync() => Task.CompletedTask;
    }
}
