namespace SupplyChain.Archive.Writing;

/// <summary>
/// When the writer writes a file: at once when <see cref="Hosting.ArchiveOptions.RecordsPerFile"/>
/// records wait (full speed: at most one write per that many events); soon when a stream consumer
/// reports it is behind (<see cref="DeliveryIsBehind"/>: waiting would only let the stream's backlog
/// grow); and otherwise once the oldest record has waited <see cref="Hosting.ArchiveOptions.MaxDelay"/>.
/// Pure and thread safe.
/// </summary>
internal static class FlushPolicy
{
    /// <summary>
    /// How long to wait before writing what is buffered: <see cref="TimeSpan.Zero"/> for now, null
    /// when nothing is buffered (wait for the next record).
    /// </summary>
    /// <param name="buffered">Records buffered.</param>
    /// <param name="oldestWaited">How long the oldest of them has waited.</param>
    /// <param name="behind">Whether a consumer whose records are buffered is behind.</param>
    /// <param name="recordsPerFile">The most records a file is meant to hold.</param>
    /// <param name="maxDelay">The longest a record waits.</param>
    /// <param name="lastWrite">
    /// How long the last write took. Records of a consumer that is behind wait that long (never more
    /// than <paramref name="maxDelay"/>): each consumer has one delivery in flight, which completes when
    /// its file is written, so the consumers that write released deliver again straight away, full. A
    /// write at the first full delivery went before they came, and under devices' small messages files
    /// held one or two deliveries each (about 190 records, docs/benchmarks.md): a storage write each.
    /// </param>
    public static TimeSpan? WaitBeforeWrite(int buffered, TimeSpan oldestWaited, bool behind, int recordsPerFile, TimeSpan maxDelay, TimeSpan lastWrite)
    {
        if (buffered == 0)
        {
            return null;
        }

        if (buffered >= recordsPerFile || oldestWaited >= maxDelay)
        {
            return TimeSpan.Zero;
        }

        var due = behind ? TimeSpan.FromTicks(Math.Min(lastWrite.Ticks, maxDelay.Ticks)) : maxDelay;
        return oldestWaited >= due ? TimeSpan.Zero : due - oldestWaited;
    }

    /// <summary>
    /// Whether a stream delivery shows its consumer behind: it came full (more messages wait behind
    /// it), or its oldest message was published at least <paramref name="maxDelay"/> ago. The second
    /// matters after a crash: the dead silo's messages come back a few at a time among newer ones, and
    /// a consumer that added <paramref name="maxDelay"/> to each such small delivery kept the queue's
    /// oldest messages (which it must pass before any is deleted) until they were handed out again,
    /// and fell further behind each time.
    /// </summary>
    /// <param name="messages">Messages in the delivery.</param>
    /// <param name="fullDelivery">The most a delivery holds (the pulling agent's batch).</param>
    /// <param name="oldestPublishedAt">When the delivery's oldest message was published; null when unknown.</param>
    /// <param name="now">The consumer's clock.</param>
    /// <param name="maxDelay">How long the writer holds records at most.</param>
    public static bool DeliveryIsBehind(int messages, int fullDelivery, DateTimeOffset? oldestPublishedAt, DateTimeOffset now, TimeSpan maxDelay) =>
        messages >= fullDelivery || (oldestPublishedAt is { } published && now - published >= maxDelay);
}
