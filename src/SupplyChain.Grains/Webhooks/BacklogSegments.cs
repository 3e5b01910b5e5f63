using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Domain.Events;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// The storage side of one subscription's <see cref="Backlog"/>: appends to its segment grains and
/// takes the oldest out, one operation at a time (an append must never land in a segment being
/// taken). Concurrent appends share writes: one batch is written while the next gathers. A new
/// segment enters the subscription's stored range (<c>storeRange</c>, the subscription grain's own write)
/// before any event is written to it, so no stored event is ever outside the range after a crash.
/// Belongs to one grain activation and runs on its scheduler; not thread safe.
/// </summary>
internal sealed class BacklogSegments(IGrainFactory grains, string subscriptionId, Backlog backlog, Func<Task> storeRange) : IDisposable
{
    /// <summary>How many stored ids are remembered to drop copies handed over again (segments are not in memory).</summary>
    private const int RecentLimit = 2048;

    private readonly SemaphoreSlim _exclusive = new(1, 1);
    private readonly RecentEventIds _stored = new(RecentLimit);

    /// <summary>Ids of events appended and not yet stored: gathering in <see cref="_batch"/> or being written.</summary>
    private readonly HashSet<string> _unstored = new(StringComparer.Ordinal);
    private List<OutboundEvent> _batch = [];
    private TaskCompletionSource? _batchStored;

    public Backlog Backlog { get; } = backlog;

    /// <summary>Whether appends are being written: events handed over meanwhile are newer and must go behind them.</summary>
    public bool Writing { get; private set; }

    /// <summary>Whether <paramref name="e"/> was lately stored in a segment, or is being stored.</summary>
    public bool Holds(OutboundEvent e) =>
        _unstored.Contains(e.Id) || _stored.Contains(RecentEventIds.KeyOf(e.Source, e.Id));

    /// <summary>Reads the open segment's count, which only the segment stores, after activation.</summary>
    public async Task Restore()
    {
        if (!Backlog.IsEmpty)
        {
            Backlog.Restore(await Segment(Backlog.Open).Count());
        }
    }

    /// <summary>Stores <paramref name="events"/> at the end of the backlog; returns once they are stored.</summary>
    public async Task Append(IReadOnlyList<OutboundEvent> events)
    {
        _batch.AddRange(events);
        foreach (var e in events)
        {
            _unstored.Add(e.Id);
        }

        var stored = _batchStored ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Writing)
        {
            Writing = true;
            _ = WriteBatches();
        }

        await stored.Task;
    }

    /// <summary>
    /// Takes the oldest segment out: reads it, counts it out of the range, lets <paramref name="intoHead"/>
    /// queue and store its events with the range, and only then deletes it, so a crash in between
    /// leaves at worst a segment outside the range, never an event outside both.
    /// </summary>
    public async Task<int> TakeOldest(Func<IReadOnlyList<OutboundEvent>, Task> intoHead)
    {
        await _exclusive.WaitAsync();
        try
        {
            var number = Backlog.Oldest;
            var events = await Segment(number).Read();
            Backlog.TakeOldest(events.Count);
            await intoHead(events);
            await Segment(number).Clear();
            return events.Count;
        }
        finally
        {
            _exclusive.Release();
        }
    }

    /// <summary>Deletes every segment (the subscription is deleted).</summary>
    public async Task ClearAll()
    {
        await _exclusive.WaitAsync();
        try
        {
            foreach (var number in Backlog.Segments)
            {
                await Segment(number).Clear();
            }
        }
        finally
        {
            _exclusive.Release();
        }
    }

    public void Dispose() => _exclusive.Dispose();

    private IWebhookSegmentGrain Segment(long number) => grains.GetGrain<IWebhookSegmentGrain>(IWebhookSegmentGrain.KeyOf(subscriptionId, number));

    private async Task WriteBatches()
    {
        while (_batch.Count > 0)
        {
            var batch = _batch;
            var stored = _batchStored!;
            _batch = [];
            _batchStored = null;
            try
            {
                await _exclusive.WaitAsync();
                try
                {
                    await Write(batch);
                }
                finally
                {
                    _exclusive.Release();
                }

                stored.SetResult();
            }
            catch (Exception ex)
            {
                stored.SetException(ex);
            }
            finally
            {
                foreach (var e in batch)
                {
                    _unstored.Remove(e.Id);
                }
            }
        }

        Writing = false;
    }

    private async Task Write(List<OutboundEvent> batch)
    {
        for (var offset = 0; offset < batch.Count;)
        {
            if (Backlog.NeedsNewSegment)
            {
                Backlog.OpenNew();
                await storeRange();
            }

            var chunk = batch.GetRange(offset, Math.Min(Backlog.RoomInOpen, batch.Count - offset));
            await Segment(Backlog.Open).Append(chunk);
            Backlog.Appended(chunk.Count);
            foreach (var e in chunk)
            {
                _stored.Remember(RecentEventIds.KeyOf(e.Source, e.Id));
            }

            offset += chunk.Count;
        }
    }
}
