namespace SupplyChain.Contracts.Webhooks;

/// <summary>A subscription with its delivery state, as its grain sees it; <c>PreviousSecretExpiresAt</c> while a rotated-out secret still signs.</summary>
[GenerateSerializer, Immutable, Alias("sc.SubscriptionView")]
public sealed record SubscriptionView(
    [property: Id(0)] SubscriptionEntry Entry,
    [property: Id(1)] string? DisabledReason,
    [property: Id(2)] DateTimeOffset? LastSuccessAt,
    [property: Id(3)] DateTimeOffset? FailingSince,
    [property: Id(4)] int Pending,
    [property: Id(5)] DateTimeOffset? NextAttemptAt,
    [property: Id(6)] int DeadLetters,
    [property: Id(7)] DateTimeOffset? PreviousSecretExpiresAt = null);
