using SupplyChain.Contracts.Events;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>The delivery rules of one subscription's queue, without a grain, a clock or HTTP.</summary>
public sealed class DeliveryQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule TwoRetries = new([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)], 0, TimeSpan.FromHours(1), new Random(1));
    private static readonly DeliveryOutcome Ok = new(204, null, null);
    private static readonly DeliveryOutcome Unavailable = new(503, null, null);

    private static OutboundEvent Event(string id, string subject) =>
        new(id, "SupplyChain.ShipmentStatusChanged", "/supplychain/shipments/" + subject, subject, T0, "{}");

    private static DeliveryQueue QueueOf(int maxInFlight, params (string Id, string Subject)[] events)
    {
        var queue = new DeliveryQueue([], maxInFlight);
        foreach (var (id, subject) in events)
        {
            queue.Add(Event(id, subject), T0);
        }

        return queue;
    }

    private static string[] Ids(IEnumerable<QueuedEvent> events) => [.. events.Select(q => q.Event.Id)];

    [Fact]
    public void StartDue_OldestOfEachSubjectOnly()
    {
        var queue = QueueOf(8, ("a1", "A"), ("a2", "A"), ("b1", "B"), ("c1", "C"), ("b2", "B"));

        var (starting, nextDue) = queue.StartDue(T0);

        Assert.Equal(["a1", "b1", "c1"], Ids(starting));
        Assert.Null(nextDue);
        Assert.Equal(3, queue.InFlight);
    }

    [Fact]
    public void StartDue_SubjectInFlight_NotStartedAgainUntilReleased()
    {
        var queue = QueueOf(8, ("a1", "A"), ("a2", "A"));
        var first = Assert.Single(queue.StartDue(T0).Starting);

        Assert.Empty(queue.StartDue(T0).Starting);
        queue.Apply(first, Ok, TwoRetries, T0);
        Assert.Empty(queue.StartDue(T0).Starting);
        queue.Release(first);

        Assert.Equal(["a2"], Ids(queue.StartDue(T0).Starting));
    }

    [Fact]
    public void StartDue_AtMostMaxInFlight_OldestSubjectsFirst()
    {
        var queue = QueueOf(2, ("a1", "A"), ("b1", "B"), ("c1", "C"));

        Assert.Equal(["a1", "b1"], Ids(queue.StartDue(T0).Starting));
        Assert.Empty(queue.StartDue(T0).Starting);
    }

    [Fact]
    public void StartDue_HeadNotDue_HoldsItsSubjectBack_ReportsWhenDue()
    {
        var queue = QueueOf(8, ("a1", "A"), ("a2", "A"), ("b1", "B"));
        var a1 = queue.StartDue(T0).Starting[0];
        queue.Apply(a1, Unavailable, TwoRetries, T0);
        queue.Release(a1);
        queue.Release(queue.Events.Single(q => q.Event.Id == "b1"));

        var (starting, nextDue) = queue.StartDue(T0.AddSeconds(1));

        Assert.Equal(["b1"], Ids(starting));
        Assert.Equal(T0.AddSeconds(5), nextDue);
    }

    [Fact]
    public void Apply_Delivered_LeavesTheQueue()
    {
        var queue = QueueOf(8, ("a1", "A"));
        var a1 = queue.StartDue(T0).Starting[0];

        var result = queue.Apply(a1, Ok, TwoRetries, T0);

        Assert.Equal(AttemptVerdict.Delivered, result.Verdict);
        Assert.Equal(0, queue.Count);
        Assert.False(queue.IsQueued(a1));
        Assert.Equal(1, a1.Attempts);
    }

    [Fact]
    public void Apply_Failures_FollowTheSchedule_ThenGiveUp()
    {
        var queue = QueueOf(8, ("a1", "A"));
        var a1 = queue.Events[0];

        var first = queue.Apply(a1, Unavailable, TwoRetries, T0);
        var second = queue.Apply(a1, new DeliveryOutcome(null, "Connection refused", null), TwoRetries, T0.AddSeconds(5));
        var third = queue.Apply(a1, Unavailable, TwoRetries, T0.AddSeconds(35));

        Assert.Equal(new AttemptResult(AttemptVerdict.RetryLater, T0.AddSeconds(5), "HTTP 503"), first);
        Assert.Equal(new AttemptResult(AttemptVerdict.RetryLater, T0.AddSeconds(35), "Connection refused"), second);
        Assert.Equal(new AttemptResult(AttemptVerdict.GaveUp, null, "HTTP 503"), third);
        Assert.Equal(3, a1.Attempts);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Apply_RetryAfter_WaitsWhatTheReceiverAsked()
    {
        var queue = QueueOf(8, ("a1", "A"));

        var result = queue.Apply(queue.Events[0], new DeliveryOutcome(429, null, TimeSpan.FromMinutes(3)), TwoRetries, T0);

        Assert.Equal(T0.AddMinutes(3), result.NextAttemptAt);
    }

    [Fact]
    public void Add_SameIdTwice_QueuedOnce()
    {
        var queue = QueueOf(8, ("a1", "A"));

        Assert.Null(queue.Add(Event("a1", "A"), T0));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void TrimTo_TakesTheOldestNotInFlight()
    {
        var queue = QueueOf(8, ("a1", "A"), ("a2", "A"), ("b1", "B"), ("b2", "B"));
        queue.StartDue(T0);
        var a1 = queue.Events[0];
        queue.Apply(a1, Unavailable, TwoRetries, T0);

        var evicted = queue.TrimTo(2);

        // a1 is in flight (failed once, not yet released) and b1 too: the oldest others go.
        Assert.Equal(["a2", "b2"], Ids(evicted));
        Assert.Equal(["a1", "b1"], Ids(queue.Events));
        Assert.False(queue.Contains("a2"));
    }

    [Fact]
    public void ResumeAll_EveryEventDueNow()
    {
        var queue = QueueOf(8, ("a1", "A"), ("b1", "B"));
        queue.Apply(queue.Events[0], Unavailable, TwoRetries, T0);
        queue.Apply(queue.Events[1], Unavailable, TwoRetries, T0);

        queue.ResumeAll(T0.AddSeconds(1));

        Assert.Equal(2, queue.StartDue(T0.AddSeconds(1)).Starting.Count);
        Assert.Equal(T0.AddSeconds(1), queue.EarliestAttempt);
    }

    [Fact]
    public void Wraps_TheStoredList_InPlace()
    {
        var stored = new List<QueuedEvent> { new() { Event = Event("a1", "A"), NextAttemptAt = T0 } };
        var queue = new DeliveryQueue(stored, 8);

        queue.Add(Event("b1", "B"), T0);
        queue.Apply(stored[0], Ok, TwoRetries, T0);

        Assert.Equal(["b1"], Ids(stored));
        Assert.True(queue.Contains("b1"));
    }
}
