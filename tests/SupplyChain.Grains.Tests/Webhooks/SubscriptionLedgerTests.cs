using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>What a subscription's deliveries do to its stored state, without a grain, a clock or HTTP.</summary>
public sealed class SubscriptionLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryOutcome Ok = new(204, null, null);
    private static readonly DeliveryOutcome Unavailable = new(503, null, null);

    private static WebhookOptions Options(TimeSpan? disableAfter = null, int maxQueueLength = 100, int historyLimit = 100, int deadLetterLimit = 100) => new()
    {
        RetrySchedule = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)],
        Jitter = 0,
        DisableAfter = disableAfter ?? TimeSpan.FromDays(3),
        MaxQueueLength = maxQueueLength,
        HistoryLimit = historyLimit,
        DeadLetterLimit = deadLetterLimit,
    };

    private static SubscriptionState NewState() => new()
    {
        Entry = new SubscriptionEntry("sub_1", new SubscriptionDefinition("https://hooks.example.com/", [], [], [], null, new SubscriptionOwner("acme", "carrier")), Enabled: true, T0),
    };

    private static SubscriptionLedger LedgerOf(SubscriptionState state, WebhookOptions options) =>
        new(state, options, RetrySchedule.From(options));

    private static OutboundEvent Event(string id, string subject) =>
        new(id, "SupplyChain.ShipmentStatusChanged", "/supplychain/shipments/" + subject, subject, T0, "{}");

    private static OutboundEvent[] Events(params string[] ids) => [.. ids.Select(id => Event(id, id))];

    /// <summary>Starts <paramref name="id"/>'s attempt and books <paramref name="outcome"/> for it at <paramref name="at"/>.</summary>
    private static BookedAttempt Attempt(SubscriptionLedger ledger, SubscriptionState state, string id, DeliveryOutcome outcome, DateTimeOffset at)
    {
        var queued = state.Queue.Single(q => q.Event.Id == id);
        Assert.Contains(queued, ledger.StartDue(at).Starting);
        var booked = ledger.Book(queued, outcome, at, at);
        ledger.Release(queued);
        return booked;
    }

    [Fact]
    public void Book_Delivered_RecordedAndRemembered_SubscriptionSucceeding()
    {
        var state = NewState();
        state.FailingSince = T0.AddHours(-1);
        var ledger = LedgerOf(state, Options());
        ledger.Queue(Events("e1"), T0);

        var booked = Attempt(ledger, state, "e1", Ok, T0);

        Assert.Equal(new BookedAttempt(AttemptVerdict.Delivered, Disabled: false), booked);
        Assert.Empty(state.Queue);
        Assert.Equal(["e1"], state.RecentIds);
        Assert.True(ledger.IsKnown("e1"));
        Assert.Equal(T0, state.LastSuccessAt);
        Assert.Null(state.FailingSince);
        var record = Assert.Single(state.History);
        Assert.Equal(("e1", 1, (int?)204, (DateTimeOffset?)null), (record.EventId, record.Attempt, record.StatusCode, record.NextAttemptAt));
    }

    [Fact]
    public void Book_Failures_FailingSinceTheFirst_DeadLetterAfterTheLast()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options());
        ledger.Queue(Events("e1"), T0);

        Attempt(ledger, state, "e1", Unavailable, T0);
        Attempt(ledger, state, "e1", Unavailable, T0.AddSeconds(5));
        var last = Attempt(ledger, state, "e1", Unavailable, T0.AddSeconds(35));

        Assert.Equal(AttemptVerdict.GaveUp, last.Verdict);
        Assert.Equal(T0, state.FailingSince);
        var letter = Assert.Single(state.DeadLetters);
        Assert.Equal(("e1", 3, "Gave up after 3 attempts; last: HTTP 503"), (letter.Event.Id, letter.Attempts, letter.Reason));
        Assert.Equal(["e1"], state.RecentIds);
        Assert.Equal([T0.AddSeconds(5), T0.AddSeconds(35), (DateTimeOffset?)null], state.History.Select(r => r.NextAttemptAt));
    }

    [Fact]
    public void Book_FailingForTheRulesTime_Disables_Once()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options(disableAfter: TimeSpan.FromSeconds(30)));
        ledger.Queue(Events("e1"), T0);

        var first = Attempt(ledger, state, "e1", Unavailable, T0);
        var second = Attempt(ledger, state, "e1", Unavailable, T0.AddSeconds(5));
        var third = Attempt(ledger, state, "e1", Unavailable, T0.AddSeconds(35));

        Assert.False(first.Disabled);
        Assert.False(second.Disabled);
        Assert.True(third.Disabled);
        Assert.False(state.Entry!.Enabled);
        Assert.Contains(T0.ToString("O"), state.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Enable_DisabledSubscription_ClearsTheFailure_HeadDueNow()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options(disableAfter: TimeSpan.Zero));
        ledger.Queue(Events("e1", "e2"), T0);
        Assert.True(Attempt(ledger, state, "e1", Unavailable, T0).Disabled);

        Assert.True(ledger.Enable(T0.AddSeconds(1)));

        Assert.True(state.Entry!.Enabled);
        Assert.Null(state.DisabledReason);
        Assert.Null(state.FailingSince);
        Assert.Equal(T0.AddSeconds(1), ledger.EarliestAttempt);
        Assert.False(ledger.Enable(T0.AddSeconds(2)));
    }

    [Fact]
    public void Queue_SkipsQueued_QueueUnknown_AlsoSkipsFinished()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options());
        ledger.Queue(Events("e1", "e2"), T0);
        Attempt(ledger, state, "e1", Ok, T0);

        Assert.Equal(["e3"], ledger.QueueUnknown(Events("e1", "e2", "e3"), T0).Select(q => q.Event.Id));
        Assert.Equal(["e1"], ledger.Queue(Events("e1", "e2"), T0).Select(q => q.Event.Id));
        Assert.Equal(["e2", "e3", "e1"], state.Queue.Select(q => q.Event.Id));
    }

    [Fact]
    public void Forget_HandOffNotStored_NeitherQueuedNorKnown()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options());

        ledger.Forget(ledger.Queue(Events("e1"), T0));

        Assert.Empty(state.Queue);
        Assert.False(ledger.IsKnown("e1"));
        Assert.Single(ledger.QueueUnknown(Events("e1"), T0));
    }

    [Fact]
    public void Trim_PastTheLimitWithTheBacklog_OldestOfTheHeadDeadLettered()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options(maxQueueLength: 4));
        ledger.Queue(Events("e1", "e2", "e3"), T0);

        ledger.Trim(backlogCount: 3, T0);

        Assert.Equal(["e3"], state.Queue.Select(q => q.Event.Id));
        Assert.Equal(["e1", "e2"], state.DeadLetters.Select(d => d.Event.Id));
        Assert.All(state.DeadLetters, d => Assert.Equal("The subscription's queue was full (4 events).", d.Reason));
        Assert.True(ledger.IsKnown("e1"));
    }

    [Fact]
    public void HistoryAndDeadLetters_KeepTheNewestWithinTheirLimits()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options(maxQueueLength: 1, historyLimit: 2, deadLetterLimit: 2));
        ledger.Queue(Events("e1", "e2", "e3", "e4"), T0);
        ledger.Trim(0, T0);
        Attempt(ledger, state, "e4", Unavailable, T0);
        Attempt(ledger, state, "e4", Unavailable, T0.AddSeconds(5));
        Attempt(ledger, state, "e4", Ok, T0.AddSeconds(35));

        Assert.Equal(["e2", "e3"], state.DeadLetters.Select(d => d.Event.Id));
        Assert.Equal([2, 3], state.History.Select(r => r.Attempt));
        Assert.Equal([3], ledger.Deliveries(1).Select(r => r.Attempt));
        Assert.Equal([3, 2], ledger.Deliveries(50).Select(r => r.Attempt));
    }

    [Fact]
    public void RecentIds_Bounded_TheOldestForgotten()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options(maxQueueLength: 1, deadLetterLimit: 1));
        var ids = Enumerable.Range(0, SubscriptionLedger.RecentIdLimit + 2).Select(i => $"e{i}").ToArray();
        ledger.Queue(Events(ids), T0);

        ledger.Trim(0, T0);

        Assert.Equal(SubscriptionLedger.RecentIdLimit, state.RecentIds.Count);
        Assert.False(ledger.IsKnown("e0"));
        Assert.True(ledger.IsKnown("e1"));
    }

    [Fact]
    public void TakeDeadLetters_TheWantedOnes_OrAll()
    {
        var state = NewState();
        var ledger = LedgerOf(state, Options(maxQueueLength: 1));
        ledger.Queue(Events("e1", "e2", "e3", "e4"), T0);
        ledger.Trim(0, T0);

        Assert.Equal(["e2"], ledger.TakeDeadLetters(["e2", "nope"]).Select(d => d.Event.Id));
        Assert.Equal(["e1", "e3"], ledger.TakeDeadLetters(null).Select(d => d.Event.Id));
        Assert.Empty(state.DeadLetters);
    }

    [Fact]
    public void Restored_FromAStoredState_KnowsItsQueueAndRecentIds()
    {
        var state = NewState();
        state.RecentIds.Add("done");
        state.Queue.Add(new QueuedEvent { Event = Event("queued", "A"), NextAttemptAt = T0 });

        var ledger = LedgerOf(state, Options());

        Assert.True(ledger.IsKnown("done"));
        Assert.True(ledger.IsQueued("queued"));
        Assert.False(ledger.IsQueued("done"));
        Assert.Equal(1, ledger.HeadCount);
    }
}
