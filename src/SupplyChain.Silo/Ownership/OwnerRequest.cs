namespace SupplyChain.Silo.Ownership;

/// <summary>The body of a transfer: the account that is to own the shipment or vehicle.</summary>
/// <param name="Account">The receiving account's id.</param>
internal sealed record OwnerRequest(string? Account);
