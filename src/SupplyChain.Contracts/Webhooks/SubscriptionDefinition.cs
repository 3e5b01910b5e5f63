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
    [property: Id(5)] SubscriptionOwner Owner)
{
    /// <summary>
    /// For a carrier's subscription: the keys of the account's own shipments of
    /// <see cref="TrackingNumbers"/> (<see cref="Shipments.ShipmentKey"/>), which it matches instead of the
    /// numbers, so that another account's shipment of a number never reaches it. Null for ops, whose
    /// numbers match every account's shipment of that number, and for carrier subscriptions made before
    /// numbers were per account, whose numbers were their keys.
    /// </summary>
    [Id(6)]
    public IReadOnlyList<string>? ShipmentKeys { get; init; }
}

/// <summary>The API key that created a subscription: its name and role (never the key itself).</summary>
[GenerateSerializer, Immutable, Alias("sc.SubscriptionOwner")]
public sealed record SubscriptionOwner([property: Id(0)] string Name, [property: Id(1)] string Role);
