namespace SupplyChain.Silo.Accounts;

/// <summary>
/// An API key issued to an account, as stored: its id, the SHA-256 of its secret (never the secret),
/// a hint of the secret's last characters for people, and its lifetime. Immutable.
/// </summary>
/// <param name="KeyId">The key's id, the part of the secret that logs and audit records may show.</param>
/// <param name="AccountId">The account the key belongs to.</param>
/// <param name="Hash">SHA-256 of the whole secret's UTF-8 bytes (32 bytes).</param>
/// <param name="Hint">The secret's last characters, so a holder can tell which key a listing means.</param>
/// <param name="Created">When the key was issued.</param>
/// <param name="ExpiresAt">When the key stops working, if it was issued with an expiry.</param>
/// <param name="RevokedAt">When the key was revoked, if it was.</param>
internal sealed record AccountKey(
    string KeyId,
    string AccountId,
    byte[] Hash,
    string Hint,
    DateTimeOffset Created,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the key works at <paramref name="now"/>: neither revoked nor expired.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && !IsExpiredAt(now);

    /// <summary>Whether the key's expiry has passed at <paramref name="now"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;
}
