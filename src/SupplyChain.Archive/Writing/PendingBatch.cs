using SupplyChain.Archive.Storage;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Archive.Writing;

/// <summary>
/// The records waiting for the writer's next flush, and the one completion every inbound append of
/// them waits on. Not thread safe: the writer holds its lock around it.
/// </summary>
internal sealed class PendingBatch
{
    public List<InboundEvent> Inbound { get; } = [];

    public List<OutboundEvent> Outbound { get; } = [];

    /// <summary>Completed when the batch's files are written; faulted when a write failed.</summary>
    public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether a stream consumer reported being behind since the batch began.</summary>
    public bool Behind { get; private set; }

    /// <summary>When the first record was added (<see cref="TimeProvider.GetTimestamp"/>), or 0.</summary>
    public long OldestAt { get; private set; }

    public int Count => Inbound.Count + Outbound.Count;

    public void Add(IReadOnlyList<InboundEvent> events, bool behind, long now)
    {
        Started(now);
        Inbound.AddRange(events);
        Behind |= behind;
    }

    public void Add(IReadOnlyList<OutboundEvent> events, long now)
    {
        Started(now);
        Outbound.AddRange(events);
    }

    /// <summary>
    /// Puts outbound records of a failed flush back in front, keeping at most <paramref name="limit"/>
    /// (the newest); returns how many were dropped.
    /// </summary>
    public int Requeue(IReadOnlyList<OutboundEvent> events, long now, int limit)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        Started(now);
        Outbound.InsertRange(0, events);
        var dropped = Math.Max(0, Outbound.Count - limit);
        Outbound.RemoveRange(0, dropped);
        return dropped;
    }

    /// <summary>The records by the UTC hour of their event time: one file each, nearly always one.</summary>
    public IEnumerable<(DateTimeOffset Hour, IReadOnlyList<InboundEvent> Inbound, IReadOnlyList<OutboundEvent> Outbound)> ByHour()
    {
        var hours = new SortedDictionary<DateTimeOffset, (List<InboundEvent> Inbound, List<OutboundEvent> Outbound)>();
        foreach (var e in Inbound)
        {
            Of(hours, e.Time).Inbound.Add(e);
        }

        foreach (var e in Outbound)
        {
            Of(hours, e.Time).Outbound.Add(e);
        }

        return hours.Select(h => (h.Key, (IReadOnlyList<InboundEvent>)h.Value.Inbound, (IReadOnlyList<OutboundEvent>)h.Value.Outbound));
    }

    private static (List<InboundEvent> Inbound, List<OutboundEvent> Outbound) Of(
        SortedDictionary<DateTimeOffset, (List<InboundEvent> Inbound, List<OutboundEvent> Outbound)> hours, DateTimeOffset time)
    {
        var hour = ArchiveLayout.HourOf(time);
        if (!hours.TryGetValue(hour, out var lists))
        {
            hours[hour] = lists = ([], []);
        }

        return lists;
    }

    private void Started(long now)
    {
        if (Count == 0)
        {
            OldestAt = now;
        }
    }
}
