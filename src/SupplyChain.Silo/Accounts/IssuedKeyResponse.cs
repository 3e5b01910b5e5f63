namespace SupplyChain.Silo.Accounts;

/// <summary>The answer to issuing a key: the only time its <paramref name="Secret"/> is shown.</summary>
internal sealed record IssuedKeyResponse(
    string KeyId, string AccountId, string Secret, string Hint, DateTimeOffset Created, DateTimeOffset? ExpiresAt);
