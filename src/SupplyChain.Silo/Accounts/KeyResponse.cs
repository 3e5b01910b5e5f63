namespace SupplyChain.Silo.Accounts;

/// <summary>A key as listings show it: never its secret or hash, only a hint of its last characters.</summary>
internal sealed record KeyResponse(
    string KeyId, string AccountId, string Hint, DateTimeOffset Created, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, bool Active)
{
    public static KeyResponse From(AccountKey k, DateTimeOffset now) =>
        new(k.KeyId, k.AccountId, k.Hint, k.Created, k.ExpiresAt, k.RevokedAt, k.IsActiveAt(now));
}
