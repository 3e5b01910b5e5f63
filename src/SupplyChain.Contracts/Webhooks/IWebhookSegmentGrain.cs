using SupplyChain.Contracts.Events;

namespace SupplyChain.Contracts.Webhooks;

/// <summary>
/// One stored piece of a subscription's backlog, keyed <c>{subscriptionId}/{n}</c> (see
/// <see cref="KeyOf"/>): up to the configured segment size of events, oldest first, in its own
/// grain state, so storing an event costs one bounded write however long the backlog is. Only the
/// subscription grain calls it, one call at a time.
/// </summary>
[Alias("sc.IWebhookSegmentGrain")]
public interface IWebhookSegmentGrain : IGrainWithStringKey
{
    /// <summary>The key of segment <paramref name="number"/> of subscription <paramref name="subscriptionId"/>.</summary>
    public static string KeyOf(string subscriptionId, long number) =>
        $"{subscriptionId}/{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Adds events at the end; returns once they are stored.</summary>
    [Alias("Append")]
    Task Append(IReadOnlyList<OutboundEvent> events);

    /// <summary>The stored events, oldest first.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<OutboundEvent>> Read();

    /// <summary>How many events are stored.</summary>
    [Alias("Count")]
    Task<int> Count();

    /// <summary>Deletes the stored events (the subscription took them, or the subscription is gone).</summary>
    [Alias("Clear")]
    Task Clear();
}
