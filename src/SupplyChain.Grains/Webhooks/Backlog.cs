namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// Where a subscription's events wait beyond its head (the events its grain holds in memory and
/// in its own state): numbered segments, each at most <c>segmentSize</c> events in its own storage.
/// It decides where new events go (straight into the head while it has room and nothing waits in
/// segments, else into the open segment, or a new one when that is full) and when the head takes in
/// the oldest segment (once it holds half a segment or less). It keeps only the segment range and
/// counts, so the subscription's state stays the same size however long the backlog. Works on the
/// <see cref="BacklogRange"/> it is given, in place. Pure; not thread safe (one grain's).
/// </summary>
internal sealed class Backlog
{
    private readonly BacklogRange _range;

    public Backlog(BacklogRange range, int segmentSize)
    {
        _range = range;
        SegmentSize = segmentSize;
    }

    public int SegmentSize { get; }

    /// <summary>Events in the open (newest) segment; stored only there, so restored from it after activation.</summary>
    public int OpenCount { get; private set; }

    public bool IsEmpty => _range.First == _range.Next;

    /// <summary>Events waiting in segments.</summary>
    public long Count => _range.ClosedEvents + OpenCount;

    /// <summary>The oldest segment's number (when not empty).</summary>
    public long Oldest => _range.First;

    /// <summary>The newest segment's number, the one appended to (when not empty).</summary>
    public long Open => _range.Next - 1;

    /// <summary>Every segment's number, oldest first.</summary>
    public IEnumerable<long> Segments => Enumerable.Range(0, checked((int)(_range.Next - _range.First))).Select(i => _range.First + i);

    /// <summary>Whether the next event must open a new segment (none yet, or the open one is full).</summary>
    public bool NeedsNewSegment => IsEmpty || OpenCount >= SegmentSize;

    /// <summary>How many events fit in the open segment.</summary>
    public int RoomInOpen => IsEmpty ? 0 : Math.Max(0, SegmentSize - OpenCount);

    /// <summary>
    /// How many new events may go straight into a head of <paramref name="headCount"/> events: none
    /// while any wait in segments (they are older), else up to a segment's worth.
    /// </summary>
    public int HeadRoom(int headCount) => IsEmpty ? Math.Max(0, SegmentSize - headCount) : 0;

    /// <summary>Whether a head of <paramref name="headCount"/> events should take in the oldest segment.</summary>
    public bool ShouldRefill(int headCount) => !IsEmpty && headCount <= SegmentSize / 2;

    /// <summary>Sets the open segment's count, read from it when the subscription activates.</summary>
    public void Restore(int openCount) => OpenCount = IsEmpty ? 0 : openCount;

    /// <summary>Closes the open segment (its count joins the closed ones) and opens the next; returns its number.</summary>
    public long OpenNew()
    {
        if (!IsEmpty)
        {
            _range.ClosedEvents += OpenCount;
        }

        OpenCount = 0;
        return _range.Next++;
    }

    /// <summary>Counts <paramref name="count"/> events stored in the open segment.</summary>
    public void Appended(int count) => OpenCount += count;

    /// <summary>The oldest segment, holding <paramref name="count"/> events, was taken into the head.</summary>
    public void TakeOldest(int count)
    {
        if (_range.First == Open)
        {
            OpenCount = 0;
        }
        else
        {
            _range.ClosedEvents = Math.Max(0, _range.ClosedEvents - count);
        }

        _range.First++;
    }
}

/// <summary>The stored part of a <see cref="Backlog"/>: segments <see cref="First"/> to <see cref="Next"/> - 1, and the events in all but the newest.</summary>
[GenerateSerializer, Alias("sc.BacklogRange")]
internal sealed class BacklogRange
{
    [Id(0)] public long First { get; set; }

    /// <summary>The number the next segment opened gets; equal to <see cref="First"/> when there is none.</summary>
    [Id(1)] public long Next { get; set; }

    /// <summary>Events in segments <see cref="First"/> to <see cref="Next"/> - 2 (the open one counts itself).</summary>
    [Id(2)] public long ClosedEvents { get; set; }
}
