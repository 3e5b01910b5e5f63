namespace SupplyChain.Silo.Ownership;

/// <summary>Who owns a shipment or vehicle.</summary>
/// <param name="Account">The owning account (for a tracking number: its first); null while no carrier has written it.</param>
/// <param name="PreviousAccount">After a transfer: who owned it before.</param>
/// <param name="Accounts">Every account holding a shipment of the number (or the vehicle's owner), the first first.</param>
internal sealed record OwnerResponse(string? Account, string? PreviousAccount = null, IReadOnlyList<string>? Accounts = null);
