using System.Text.Json.Serialization;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// What a subscription grain keeps in grain storage: the subscription, its protected secrets, the head
/// of its queue (the oldest events still to deliver, at most one and a half segments) and the range
/// of the backlog segments behind it (written before a hand-off is acknowledged), the dead letters,
/// the latest attempts and the ids recently finished with (to drop copies handed over again). Its
/// size does not grow with the backlog. Its alias and JSON shape are those of the dispatcher's state
/// it was before the grain was renamed, so stored subscriptions load unchanged.
/// </summary>
[GenerateSerializer, Alias("sc.WebhookDispatcherState")]
internal sealed class SubscriptionState
{
    /// <summary>Null until created, and again once deleted.</summary>
    [Id(0)] public SubscriptionEntry? Entry { get; set; }

    /// <summary>
    /// The secret in plain text, as states written before secrets were encrypted hold it (under its
    /// old name). Only read: the grain moves it into <see cref="Secrets"/> on activation and
    /// clears it.
    /// </summary>
    [Id(1), JsonPropertyName("Secret")] public byte[]? PlaintextSecret { get; set; }

    [Id(2)] public string? DisabledReason { get; set; }

    [Id(3)] public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>The first failed attempt since the latest success (or since creation); null while succeeding.</summary>
    [Id(4)] public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The head: the oldest events to deliver, in the order they were handed over.</summary>
    [Id(5)] public List<QueuedEvent> Queue { get; set; } = [];

    /// <summary>Oldest first, bounded.</summary>
    [Id(6)] public List<WebhookDeadLetter> DeadLetters { get; set; } = [];

    /// <summary>Delivery attempts, oldest first, bounded.</summary>
    [Id(7)] public List<DeliveryRecord> History { get; set; } = [];

    /// <summary>Ids of events delivered or dead-lettered lately, oldest first, bounded.</summary>
    [Id(8)] public List<string> RecentIds { get; set; } = [];

    /// <summary>The segments holding the events behind the head, newer than all of it.</summary>
    [Id(9)] public BacklogRange Backlog { get; set; } = new();

    /// <summary>The signing secrets, protected; null until created (or in a state not yet migrated).</summary>
    [Id(10)] public StoredSecrets? Secrets { get; set; }
}

/// <summary>One queued event and its attempts so far.</summary>
[GenerateSerializer, Alias("sc.QueuedEvent")]
internal sealed class QueuedEvent
{
    [Id(0)] public required OutboundEvent Event { get; init; }

    /// <summary>Attempts made so far.</summary>
    [Id(1)] public int Attempts { get; set; }

    /// <summary>When the next attempt may start.</summary>
    [Id(2)] public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Why the latest attempt failed, for the dead letter.</summary>
    [Id(3)] public string? LastFailure { get; set; }
}
