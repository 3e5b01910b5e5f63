using SupplyChain.Contracts.Ingestion;
using SupplyChain.Domain.Events;

namespace SupplyChain.Grains.Partitions;

/// <summary>
/// What a partition grain remembers of a stream message whose delivery failed, until a delivery of
/// it succeeds: how often it failed, when it was first tried (its partition's lag), which of its
/// events need not be delivered again, and a fingerprint of its events, so that another message
/// given the same sequence token is never taken for it (<see cref="FailingMessages"/>). Not thread
/// safe: it belongs to one partition grain activation.
/// </summary>
internal sealed class FailingMessage
{
    private readonly ulong _fingerprint;

    public FailingMessage(long firstAttemptAt, IReadOnlyList<InboundEvent> events)
    {
        FirstAttemptAt = firstAttemptAt;
        Applied = new bool[events.Count];
        _fingerprint = FingerprintOf(events);
    }

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of its first delivery attempt.</summary>
    public long FirstAttemptAt { get; }

    /// <summary>Deliveries that failed so far.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>
    /// By event index: applied, or dead-lettered, in an earlier attempt. A key counts as applied
    /// only when all of its events in the message were, since a failure may drop what the key's
    /// earlier events left in memory (a vehicle read afresh from storage).
    /// </summary>
    public bool[] Applied { get; }

    /// <summary>Events still to deliver.</summary>
    public int Pending => Applied.Count(applied => !applied);

    /// <summary>Whether <paramref name="events"/> are this message's: the same events (by source and id) in the same order.</summary>
    public bool Holds(IReadOnlyList<InboundEvent> events) => events.Count == Applied.Length && FingerprintOf(events) == _fingerprint;

    /// <summary>The events' keys (<see cref="RecentEventIds.KeyOf"/>) folded in order.</summary>
    private static ulong FingerprintOf(IReadOnlyList<InboundEvent> events)
    {
        const ulong prime = 1099511628211;
        var fingerprint = 14695981039346656037;
        foreach (var e in events)
        {
            fingerprint = (fingerprint ^ RecentEventIds.KeyOf(e.Source, e.Id)) * prime;
        }

        return fingerprint;
    }
}
