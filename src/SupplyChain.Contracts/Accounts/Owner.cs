namespace SupplyChain.Contracts.Accounts;

/// <summary>Who owns a shipment or vehicle.</summary>
/// <param name="Account">The owning carrier account.</param>
/// <param name="TrackingToken">
/// For a shipment: the unguessable token its public tracking link carries when the owner asks for one
/// (made with the claim, kept across transfers); null for a vehicle.
/// </param>
[GenerateSerializer, Immutable, Alias("sc.Owner")]
public sealed record Owner([property: Id(0)] string Account, [property: Id(1)] string? TrackingToken);
