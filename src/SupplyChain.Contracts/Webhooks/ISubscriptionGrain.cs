using Orleans.Concurrency;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Contracts.Webhooks;

/// <summary>
/// One webhook subscription and its deliveries, keyed by the subscription id. It stores the
/// definition and the secret, queues the events handed to it (persisted before the hand-off is
/// acknowledged), and delivers them: in order per subject, a bounded number at once, retried on its
/// schedule. A slow or dead endpoint delays only this grain's deliveries.
/// <para>
/// Its alias is the one it had as the dispatcher's interface, so references serialized by an older
/// silo (in a rolling upgrade) still resolve.
/// </para>
/// </summary>
[Alias("sc.IWebhookDispatcherGrain")]
public interface ISubscriptionGrain : IGrainWithStringKey
{
    /// <summary>Stores a new subscription and registers it for routing; false when the id is taken.</summary>
    [Alias("Create")]
    Task<bool> Create(SubscriptionDefinition definition, byte[] secret);

    /// <summary>
    /// Makes <paramref name="secret"/> the signing secret. The current one goes on signing beside it
    /// for <paramref name="overlap"/> (a previous one still in its overlap is dropped: at most two).
    /// Returns when the replaced secret stops signing, or null when there is no subscription.
    /// </summary>
    [Alias("RotateSecret")]
    Task<DateTimeOffset?> RotateSecret(byte[] secret, TimeSpan overlap);

    /// <summary>The subscription and its delivery state, or null when there is none.</summary>
    [Alias("Get")]
    Task<SubscriptionView?> Get();

    /// <summary>Removes the subscription, its queue and dead letters; false when there was none.</summary>
    [Alias("Delete")]
    Task<bool> Delete();

    /// <summary>Re-enables a disabled subscription and resumes its queue; null when there is none.</summary>
    [Alias("Enable")]
    Task<SubscriptionView?> Enable();

    /// <summary>
    /// Queues events for delivery; returns once they are stored. Events already queued or recently
    /// delivered (same id) are dropped, so a producer may hand the same event over again. Calls
    /// interleave, so hand-offs from many producers at once share one storage write.
    /// </summary>
    [Alias("Enqueue"), AlwaysInterleave]
    Task Enqueue(IReadOnlyList<OutboundEvent> events);

    /// <summary>The latest attempts, newest first, at most <paramref name="limit"/>.</summary>
    [Alias("GetDeliveries")]
    Task<IReadOnlyList<DeliveryRecord>> GetDeliveries(int limit);

    /// <summary>The dead letters, oldest first.</summary>
    [Alias("GetDeadLetters")]
    Task<IReadOnlyList<WebhookDeadLetter>> GetDeadLetters();

    /// <summary>Queues dead letters again with fresh attempts (all when <paramref name="eventIds"/> is null); returns how many.</summary>
    [Alias("Redrive")]
    Task<int> Redrive(IReadOnlyList<string>? eventIds);
}
