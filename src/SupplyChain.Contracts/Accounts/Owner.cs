namespace SupplyChain.Contracts.Accounts;

/// <summary>An account's hold on a shipment or vehicle.</summary>
/// <param name="Account">The owning carrier account.</param>
/// <param name="TrackingToken">
/// For a shipment: the unguessable token its public tracking link carries when the owner asks for one
/// (made with the claim, kept across transfers); null for a vehicle.
/// </param>
/// <param name="Key">
/// The grain key of what the account holds: a vehicle's id, or a shipment's
/// <see cref="Shipments.ShipmentKey"/> (the tracking number for the first account to use it).
/// </param>
[GenerateSerializer, Immutable, Alias("sc.Owner")]
public sealed record Owner([property: Id(0)] string Account, [property: Id(1)] string? TrackingToken, [property: Id(2)] string Key);
