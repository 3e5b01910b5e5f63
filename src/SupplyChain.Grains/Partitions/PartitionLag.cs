using System.Collections.Concurrent;
using SupplyChain.Grains.Telemetry;

namespace SupplyChain.Grains.Partitions;

/// <summary>
/// How far behind each partition whose grain lives in this silo is: the age of the oldest stream
/// message its partition grain has not finished, counted from that message's first delivery
/// attempt. A message is finished when each of its events is applied or dead-lettered, so a
/// message that keeps failing (a poison event, storage refusing) makes its partition's lag grow
/// while every message behind it waits. Zero while the partition keeps up. Exported as the gauge
/// <c>supplychain.partition.lag</c> (seconds, by partition) and read by the readiness check.
/// A partition grain that moves to another silo starts counting afresh there; time a message
/// waited in its queue before its first attempt is Orleans' own stream-lag metric's to show.
/// Thread safe: partition grains write, metric readers and health checks read.
/// </summary>
public sealed class PartitionLag : IDisposable
{
    private const long NothingWaiting = long.MinValue;

    private readonly ConcurrentDictionary<string, Head> _heads = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public PartitionLag(TimeProvider time)
    {
        _time = time;
        TrackingTelemetry.ObservePartitionLag(this);
    }

    /// <summary>Starts reporting <paramref name="partition"/> (its grain activated here); the head it writes to.</summary>
    internal Head Track(string partition)
    {
        var head = new Head();
        _heads[partition] = head;
        return head;
    }

    /// <summary>Stops reporting <paramref name="partition"/> unless another activation took it over meanwhile.</summary>
    internal void Forget(string partition, Head head) => _heads.TryRemove(KeyValuePair.Create(partition, head));

    /// <summary>Each tracked partition with its lag now, zero when it keeps up.</summary>
    public IReadOnlyList<KeyValuePair<string, TimeSpan>> Lags()
    {
        var now = _time.GetTimestamp();
        var lags = new List<KeyValuePair<string, TimeSpan>>(_heads.Count);
        foreach (var (partition, head) in _heads)
        {
            var since = head.Since;
            lags.Add(KeyValuePair.Create(partition, since == NothingWaiting ? TimeSpan.Zero : _time.GetElapsedTime(since, now)));
        }

        return lags;
    }

    public void Dispose() => TrackingTelemetry.StopObservingPartitionLag(this);

    /// <summary>One partition's oldest unfinished message: written by its grain, read by anyone.</summary>
    internal sealed class Head
    {
        private long _since = NothingWaiting;

        /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the unfinished message's first attempt, or <see cref="NothingWaiting"/>.</summary>
        public long Since => Volatile.Read(ref _since);

        /// <summary>A message whose first attempt started at <paramref name="firstAttemptAt"/> is being delivered.</summary>
        public void Waiting(long firstAttemptAt) => Volatile.Write(ref _since, firstAttemptAt);

        /// <summary>Every message delivered so far is finished.</summary>
        public void CaughtUp() => Volatile.Write(ref _since, NothingWaiting);
    }
}
