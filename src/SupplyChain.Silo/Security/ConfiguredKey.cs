namespace SupplyChain.Silo.Security;

/// <summary>A key from <c>SupplyChain:Auth:ApiKeys</c> as the silo keeps it: its SHA-256, never its text.</summary>
/// <param name="KeyId"><c>cfg-{index}</c>: stable while the list's order is, and no secret.</param>
/// <param name="Name">The key's name claim: its <c>Name</c>, else its role (what rate limits go by).</param>
/// <param name="Account">Its <c>Account</c>, else its <c>Name</c>, else its role.</param>
/// <param name="Role">Its role.</param>
/// <param name="Sources">For carriers, the source prefixes it may post for.</param>
/// <param name="Hash">SHA-256 of the key's UTF-8 bytes.</param>
internal sealed record ConfiguredKey(string KeyId, string Name, string Account, string Role, IReadOnlyList<string> Sources, byte[] Hash);
