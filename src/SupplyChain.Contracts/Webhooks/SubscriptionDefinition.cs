namespace SupplyChain.Contracts.Webhooks;

/// <summary>
/// What a subscriber asked for: where to push, which events (empty filters mean all), and who owns
/// the subscription. An event matches when its type is listed, or its family (or neither types nor
/// families are); when tracking numbers or vehicle ids are listed, it names one of them (either list is
/// enough); and when facilities are listed, it names one of them too.
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

    /// <summary>Event families (<see cref="Events.EventFamilies"/>) taken besides <see cref="Types"/>; null or empty for none.</summary>
    [Id(7)]
    public IReadOnlyList<string>? Families { get; init; }

    /// <summary>
    /// Facility (geofence) ids: an event is taken only when it names one of them (<c>facilityId</c> in its
    /// data); null or empty to take events wherever they happen. It narrows the other filters, never widens them.
    /// </summary>
    [Id(8)]
    public IReadOnlyList<string>? FacilityIds { get; init; }
}

/// <summary>The API key that created a subscription: its name and role (never the key itself).</summary>
[GenerateSerializer, Immutable, Alias("sc.SubscriptionOwner")]
public sealed record SubscriptionOwner([property: Id(0)] string Name, [property: Id(1)] string Role);
