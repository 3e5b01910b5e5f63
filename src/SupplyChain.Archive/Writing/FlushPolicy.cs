namespace SupplyChain.Archive.Writing;

/// <summary>
/// When the writer writes a file: at once when <see cref="Hosting.ArchiveOptions.RecordsPerFile"/>
/// records wait (full speed: at most one write per that many events), at once when a stream consumer
/// reports it is behind (<see cref="DeliveryIsBehind"/>: waiting would only let the stream's backlog grow),
/// and otherwise once the oldest record has waited <see cref="Hosting.ArchiveOptions.MaxDelay"/>.
/// Pure and thread safe.
/// </summary>
internal static class FlushPolicy
{
    /// <summary>
    /// How long to wait before writing what is buffered: <see cref="TimeSpan.Zero"/> for now, null
    /// when nothing is buffered (wait for the next record).
    /// </summary>
    public static TimeSpan? WaitBeforeWrite(int buffered, TimeSpan oldestWaited, bool behind, int recordsPerFile, TimeSpan maxDelay)
    {
        if (buffered == 0)
        {
            return null;
        }

        if (behind || buffered >= recordsPerFile || oldestWaited >= maxDelay)
        {
            return TimeSpan.Zero;
        }

        return maxDelay - oldestWaited;
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
