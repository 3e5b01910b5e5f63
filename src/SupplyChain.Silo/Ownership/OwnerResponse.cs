namespace SupplyChain.Silo.Ownership;

/// <summary>Who owns a shipment or vehicle.</summary>
/// <param name="Account">The owning account; null while no carrier has written it.</param>
/// <param name="PreviousAccount">After a transfer: who owned it before.</param>
internal sealed record OwnerResponse(string? Account, string? PreviousAccount = null);

/// <summary>The body of a transfer: the account that is to own the shipment or vehicle.</summary>
/// <param name="Account">The receiving account's id.</param>
internal sealed record OwnerRequest(string? Account);
