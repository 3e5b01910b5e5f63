namespace SupplyChain.Contracts.Webhooks;

/// <summary>
/// What a subscriber asked for: where to push, which events (empty filters mean all), and who owns
/// the subscription. An event matches when its type is listed (or no type is) and, when tracking
/// numbers or vehicle ids are listed, it names one of them (either list is enough).
/// </summary>
[GenerateSerializer, Immutable, Alias("sc.SubscriptionDefinition")]
public sealed record SubscriptionDefinition(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Types,
    [property: Id(2)] IReadOnlyList<string> TrackingNumbers,
    [property: Id(3)] IReadOnlyList<string> VehicleIds,
    [property: Id(4)] string? Description,
    [property: Id(5)] SubscriptionOwner Owner);

/// <summary>The API key that created a subscription: its name and role (never the key itself).</summary>
[GenerateSerializer, Immutable, Alias("sc.SubscriptionOwner")]
public sealed record SubscriptionOwner([property: Id(0)] string Name, [property: Id(1)] string Role);
