using SupplyChain.Archive.Erasure;

namespace SupplyChain.Silo.Shipments;

/// <summary>The answer to an erasure: which shipment went and what was rewritten in the archive.</summary>
/// <param name="TrackingNumber">The erased shipment's tracking number.</param>
/// <param name="Account">The account that held it; null when no carrier did.</param>
/// <param name="Archive">Files read and rewritten, records removed and redacted.</param>
internal sealed record ErasureResponse(string TrackingNumber, string? Account, ErasureOutcome Archive);
