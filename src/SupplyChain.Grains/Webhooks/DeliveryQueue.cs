using SupplyChain.Contracts.Events;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// A subscription's undelivered events and the rules for delivering them: which may start now
/// (each subject's oldest only, one attempt in flight per subject, at most <c>maxInFlight</c> in
/// all, and only once its next attempt is due), what an attempt's outcome does to an event
/// (delivered: gone; failed: due again after the <see cref="RetrySchedule"/>'s wait; failed for the
/// last time: gone, to be dead-lettered), and which events make room when the queue is too long
/// (the oldest not in flight). It works on the list it is given, in place, so the caller stores that
/// list as it is. Pure: no clock (times are passed in), no I/O; not thread safe (one grain's).
/// </summary>
internal sealed class DeliveryQueue
{
    private readonly List<QueuedEvent> _events;
    private readonly int _maxInFlight;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busySubjects = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="events"/> (oldest first), which the queue then changes in place.</summary>
    public DeliveryQueue(List<QueuedEvent> events, int maxInFlight)
    {
        _events = events;
        _maxInFlight = maxInFlight;
        _ids.UnionWith(events.Select(q => q.Event.Id));
    }

    public int Count => _events.Count;

    /// <summary>Attempts started and not yet <see cref="Release"/>d.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>The queued events, oldest first.</summary>
    public IReadOnlyList<QueuedEvent> Events => _events;

    /// <summary>The earliest time any queued event may be attempted; null when empty.</summary>
    public DateTimeOffset? EarliestAttempt => _events.Count == 0 ? null : _events.Min(q => q.NextAttemptAt);

    public bool Contains(string eventId) => _ids.Contains(eventId);

    /// <summary>Queues <paramref name="e"/> at the end, due at <paramref name="now"/>; null when it is queued already.</summary>
    public QueuedEvent? Add(OutboundEvent e, DateTimeOffset now)
    {
        if (!_ids.Add(e.Id))
        {
            return null;
        }

        var queued = new QueuedEvent { Event = e, NextAttemptAt = now };
        _events.Add(queued);
        return queued;
    }

    /// <summary>Takes an event out unattempted (its hand-off could not be stored).</summary>
    public void Remove(QueuedEvent queued)
    {
        _events.Remove(queued);
        _ids.Remove(queued.Event.Id);
    }

    /// <summary>
    /// The events whose attempts start now, marked in flight, and when the earliest of the rest
    /// that could start (its subject's oldest, not in flight) is due.
    /// </summary>
    public (IReadOnlyList<QueuedEvent> Starting, DateTimeOffset? NextDue) StartDue(DateTimeOffset now)
    {
        DateTimeOffset? nextDue = null;
        var heads = new HashSet<string>(_busySubjects, StringComparer.Ordinal);
        var starting = new List<QueuedEvent>();
        foreach (var queued in _events)
        {
            if (_inFlight.Count + starting.Count >= _maxInFlight)
            {
                break;
            }

            if (!heads.Add(queued.Event.Subject))
            {
                // Not the oldest event of its subject, or the subject has a delivery in flight.
                continue;
            }

            if (queued.NextAttemptAt > now)
            {
                nextDue = nextDue is { } d && d < queued.NextAttemptAt ? d : queued.NextAttemptAt;
                continue;
            }

            starting.Add(queued);
        }

        foreach (var queued in starting)
        {
            _inFlight.Add(queued.Event.Id);
            _busySubjects.Add(queued.Event.Subject);
        }

        return (starting, nextDue);
    }

    /// <summary>Whether <paramref name="queued"/> is still queued, so an attempt's outcome applies to it.</summary>
    public bool IsQueued(QueuedEvent queued) => _ids.Contains(queued.Event.Id);

    /// <summary>
    /// Applies an attempt's outcome at <paramref name="now"/> and counts the attempt: a
    /// delivered event and one failed for the last time leave the queue; any other failure is due
    /// again after the schedule's wait. The attempt stays in flight until <see cref="Release"/>.
    /// </summary>
    public AttemptResult Apply(QueuedEvent queued, DeliveryOutcome outcome, RetrySchedule schedule, DateTimeOffset now)
    {
        queued.Attempts++;
        if (outcome.Delivered)
        {
            Remove(queued);
            return new AttemptResult(AttemptVerdict.Delivered, null, null);
        }

        var failure = outcome.StatusCode is { } code ? $"HTTP {code}" : outcome.Error ?? "failed";
        queued.LastFailure = failure;
        if (schedule.WaitAfter(queued.Attempts, outcome.RetryAfter) is not { } wait)
        {
            Remove(queued);
            return new AttemptResult(AttemptVerdict.GaveUp, null, failure);
        }

        queued.NextAttemptAt = now + wait;
        return new AttemptResult(AttemptVerdict.RetryLater, queued.NextAttemptAt, failure);
    }

    /// <summary>Ends an attempt: its subject may move on (to this event again, or its next one).</summary>
    public void Release(QueuedEvent queued)
    {
        if (_inFlight.Remove(queued.Event.Id))
        {
            _busySubjects.Remove(queued.Event.Subject);
        }
    }

    /// <summary>Takes out the oldest events not in flight until at most <paramref name="limit"/> remain; returns them, oldest first.</summary>
    public IReadOnlyList<QueuedEvent> TrimTo(int limit)
    {
        var evicted = new List<QueuedEvent>();
        for (var i = 0; _events.Count > limit && i < _events.Count;)
        {
            var queued = _events[i];
            if (_inFlight.Contains(queued.Event.Id))
            {
                i++;
                continue;
            }

            _events.RemoveAt(i);
            _ids.Remove(queued.Event.Id);
            evicted.Add(queued);
        }

        return evicted;
    }

    /// <summary>Makes every queued event due at <paramref name="now"/> (a subscription enabled again).</summary>
    public void ResumeAll(DateTimeOffset now)
    {
        foreach (var queued in _events)
        {
            queued.NextAttemptAt = now;
        }
    }
}

/// <summary>What an attempt's outcome did to its event.</summary>
internal enum AttemptVerdict
{
    Delivered,
    RetryLater,
    GaveUp,
}

/// <summary>An applied outcome: the verdict, when the event is due again (after <see cref="AttemptVerdict.RetryLater"/>), and why it failed.</summary>
internal readonly record struct AttemptResult(AttemptVerdict Verdict, DateTimeOffset? NextAttemptAt, string? Failure);
