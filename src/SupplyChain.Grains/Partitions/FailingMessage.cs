namespace SupplyChain.Grains.Partitions;

/// <summary>
/// What a partition grain remembers of a stream message whose delivery failed, until a delivery of
/// it succeeds: how often it failed, when it was first tried (its partition's lag) and which of its
/// events need not be delivered again. Not thread safe: it belongs to one partition grain activation.
/// </summary>
internal sealed class FailingMessage(long firstAttemptAt, int events)
{
    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of its first delivery attempt.</summary>
    public long FirstAttemptAt { get; } = firstAttemptAt;

    /// <summary>Deliveries that failed so far.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>
    /// By event index: applied, or dead-lettered, in an earlier attempt. A key counts as applied
    /// only when all of its events in the message were, since a failure may drop what the key's
    /// earlier events left in memory (a vehicle read afresh from storage).
    /// </summary>
    public bool[] Applied { get; } = new bool[events];

    /// <summary>Events still to deliver.</summary>
    public int Pending => Applied.Count(applied => !applied);
}
