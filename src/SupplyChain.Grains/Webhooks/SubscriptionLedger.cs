using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// The books of one subscription's deliveries, kept in its stored <see cref="SubscriptionState"/>:
/// the head of its queue (through a <see cref="DeliveryQueue"/>), the ids it has finished with (so a
/// copy handed over again is dropped), the latest attempts, the dead letters, and whether it is
/// failing or disabled. It applies an attempt's outcome to all of them at once, makes room when the
/// queue is too long, and takes dead letters out for a re-drive. Pure: no clock (times are passed
/// in), no I/O, no storage (the caller stores the state it works on, in place); not thread safe
/// (one grain's).
/// </summary>
internal sealed class SubscriptionLedger
{
    /// <summary>How many finished event ids a subscription remembers to drop copies handed over again.</summary>
    public const int RecentIdLimit = 2048;

    private readonly SubscriptionState _state;
    private readonly DeliveryQueue _queue;
    private readonly RetrySchedule _schedule;
    private readonly DisableRule _disableRule;
    private readonly int _historyLimit;
    private readonly int _deadLetterLimit;
    private readonly long _maxQueueLength;

    /// <summary>Ids queued in the head or recently finished with (delivered or dead-lettered).</summary>
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Keeps the books in <paramref name="state"/>, by the limits of <paramref name="options"/>.</summary>
    public SubscriptionLedger(SubscriptionState state, WebhookOptions options, RetrySchedule schedule)
    {
        _state = state;
        _queue = new DeliveryQueue(state.Queue, options.MaxInFlight);
        _schedule = schedule;
        _disableRule = new DisableRule(options.DisableAfter);
        _historyLimit = options.HistoryLimit;
        _deadLetterLimit = options.DeadLetterLimit;
        _maxQueueLength = options.MaxQueueLength;
        _known.UnionWith(state.RecentIds);
        _known.UnionWith(state.Queue.Select(q => q.Event.Id));
    }

    /// <summary>Events in the head.</summary>
    public int HeadCount => _queue.Count;

    /// <summary>The earliest time an event of the head may be attempted; null when it is empty.</summary>
    public DateTimeOffset? EarliestAttempt => _queue.EarliestAttempt;

    /// <summary>Whether <paramref name="eventId"/> is queued in the head or was recently finished with.</summary>
    public bool IsKnown(string eventId) => _known.Contains(eventId);

    /// <summary>Whether <paramref name="eventId"/> is queued in the head.</summary>
    public bool IsQueued(string eventId) => _queue.Contains(eventId);

    /// <summary>Whether an attempt's outcome still applies to <paramref name="queued"/> (it was not trimmed or deleted meanwhile).</summary>
    public bool IsQueued(QueuedEvent queued) => _queue.IsQueued(queued);

    /// <summary>
    /// Queues <paramref name="events"/> at the end of the head, due at <paramref name="now"/>, except
    /// those queued already (a finished one is queued again: a re-drive); returns those queued.
    /// </summary>
    public IReadOnlyList<QueuedEvent> Queue(IEnumerable<OutboundEvent> events, DateTimeOffset now)
    {
        var queued = new List<QueuedEvent>();
        foreach (var e in events)
        {
            if (_queue.Add(e, now) is { } added)
            {
                _known.Add(e.Id);
                queued.Add(added);
            }
        }

        return queued;
    }

    /// <summary>Queues those of <paramref name="events"/> neither queued nor recently finished with (a segment taken into the head).</summary>
    public IReadOnlyList<QueuedEvent> QueueUnknown(IEnumerable<OutboundEvent> events, DateTimeOffset now) =>
        Queue(events.Where(e => !_known.Contains(e.Id)), now);

    /// <summary>Takes events out of the head unattempted and forgets them (their hand-off could not be stored).</summary>
    public void Forget(IEnumerable<QueuedEvent> events)
    {
        foreach (var queued in events)
        {
            _queue.Remove(queued);
            _known.Remove(queued.Event.Id);
        }
    }

    /// <summary>The attempts that start now, marked in flight, and when the earliest of the rest is due (see <see cref="DeliveryQueue.StartDue"/>).</summary>
    public (IReadOnlyList<QueuedEvent> Starting, DateTimeOffset? NextDue) StartDue(DateTimeOffset now) => _queue.StartDue(now);

    /// <summary>Ends an attempt: its subject may move on.</summary>
    public void Release(QueuedEvent queued) => _queue.Release(queued);

    /// <summary>
    /// Books an attempt started at <paramref name="startedAt"/> that ended at <paramref name="now"/>
    /// with <paramref name="outcome"/>: its record, the event's next attempt or its end (delivered,
    /// or dead-lettered after the last attempt), the subscription failing or succeeding, and disabled
    /// once it has failed for the rule's time.
    /// </summary>
    public BookedAttempt Book(QueuedEvent queued, DeliveryOutcome outcome, DateTimeOffset startedAt, DateTimeOffset now)
    {
        var e = queued.Event;
        var result = _queue.Apply(queued, outcome, _schedule, now);
        Record(new DeliveryRecord(e.Id, e.Type, e.Subject, queued.Attempts, outcome.StatusCode, outcome.Error, startedAt, result.NextAttemptAt));
        if (result.Verdict == AttemptVerdict.Delivered)
        {
            Finished(e.Id);
            _state.LastSuccessAt = now;
            _state.FailingSince = null;
            return new BookedAttempt(result.Verdict, Disabled: false);
        }

        _state.FailingSince ??= startedAt;
        if (result.Verdict == AttemptVerdict.GaveUp)
        {
            DeadLetterOf(queued, $"Gave up after {queued.Attempts} attempts; last: {result.Failure}", now);
        }

        if (_state.Entry is { Enabled: true } entry && _disableRule.ShouldDisable(_state.FailingSince, now))
        {
            _state.Entry = entry with { Enabled = false };
            _state.DisabledReason = _disableRule.Reason(_state.FailingSince.Value);
            return new BookedAttempt(result.Verdict, Disabled: true);
        }

        return new BookedAttempt(result.Verdict, Disabled: false);
    }

    /// <summary>
    /// Past the queue limit, with <paramref name="backlogCount"/> more events waiting behind the head,
    /// the oldest events of the head not in flight become dead letters (the backlog's, once the head
    /// has taken them in).
    /// </summary>
    public void Trim(long backlogCount, DateTimeOffset now)
    {
        var excess = _queue.Count + backlogCount - _maxQueueLength;
        if (excess <= 0)
        {
            return;
        }

        foreach (var evicted in _queue.TrimTo((int)Math.Max(0, _queue.Count - excess)))
        {
            DeadLetterOf(evicted, $"The subscription's queue was full ({_maxQueueLength} events).", now);
        }
    }

    /// <summary>Enables a disabled subscription and makes its whole head due at <paramref name="now"/>; false when it was enabled.</summary>
    public bool Enable(DateTimeOffset now)
    {
        if (_state.Entry is not { Enabled: false } entry)
        {
            return false;
        }

        _state.Entry = entry with { Enabled = true };
        _state.DisabledReason = null;
        _state.FailingSince = null;
        _queue.ResumeAll(now);
        return true;
    }

    /// <summary>Takes out the dead letters of <paramref name="eventIds"/> (all when null), oldest first, to be queued again.</summary>
    public IReadOnlyList<WebhookDeadLetter> TakeDeadLetters(IReadOnlyList<string>? eventIds)
    {
        var wanted = eventIds?.ToHashSet(StringComparer.Ordinal);
        bool Wanted(WebhookDeadLetter d) => wanted is null || wanted.Contains(d.Event.Id);
        var taken = _state.DeadLetters.Where(Wanted).ToList();
        _state.DeadLetters.RemoveAll(Wanted);
        return taken;
    }

    /// <summary>The latest attempts, newest first, at most <paramref name="limit"/> (clamped to 1 and the history's limit).</summary>
    public IReadOnlyList<DeliveryRecord> Deliveries(int limit) =>
        [.. _state.History.AsEnumerable().Reverse().Take(Math.Clamp(limit, 1, _historyLimit))];

    private void Record(DeliveryRecord record)
    {
        _state.History.Add(record);
        if (_state.History.Count > _historyLimit)
        {
            _state.History.RemoveRange(0, _state.History.Count - _historyLimit);
        }
    }

    private void DeadLetterOf(QueuedEvent queued, string reason, DateTimeOffset now)
    {
        _state.DeadLetters.Add(new WebhookDeadLetter(queued.Event, queued.Attempts, reason, now));
        if (_state.DeadLetters.Count > _deadLetterLimit)
        {
            _state.DeadLetters.RemoveRange(0, _state.DeadLetters.Count - _deadLetterLimit);
        }

        Finished(queued.Event.Id);
    }

    /// <summary>Remembers a delivered or dead-lettered id, so a copy handed over again is dropped.</summary>
    private void Finished(string eventId)
    {
        _state.RecentIds.Add(eventId);
        if (_state.RecentIds.Count > RecentIdLimit)
        {
            var dropped = _state.RecentIds.Count - RecentIdLimit;
            foreach (var old in _state.RecentIds.Take(dropped))
            {
                if (!_queue.Contains(old))
                {
                    _known.Remove(old);
                }
            }

            _state.RecentIds.RemoveRange(0, dropped);
        }
    }
}

/// <summary>What booking an attempt did: the event's verdict, and whether it disabled the subscription.</summary>
internal readonly record struct BookedAttempt(AttemptVerdict Verdict, bool Disabled);
