namespace SupplyChain.Contracts.Webhooks;

/// <summary>
/// A subscription as the registry lists it and every silo routes by: the definition and whether it
/// is enabled. No secret: the secret stays with the subscription grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("sc.SubscriptionEntry")]
public sealed record SubscriptionEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] SubscriptionDefinition Definition,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>Every subscription at one registry version.</summary>
[GenerateSerializer, Immutable, Alias("sc.SubscriptionSet")]
public sealed record SubscriptionSet([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<SubscriptionEntry> Entries);
