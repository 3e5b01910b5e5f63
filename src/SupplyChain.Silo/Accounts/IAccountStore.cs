namespace SupplyChain.Silo.Accounts;

/// <summary>
/// Where accounts and their keys live: Azure Table in the durable profile (shared by every silo,
/// kept across restarts), memory in the embedded one. Implementations are thread safe. Reads on the
/// request path go through <see cref="AccountDirectory"/>, which caches them.
/// </summary>
internal interface IAccountStore
{
    /// <summary>Stores a new account; false when an account has its id already.</summary>
    Task<bool> AddAccountAsync(Account account, CancellationToken cancellationToken);

    /// <summary>The account with <paramref name="accountId"/>, or null.</summary>
    Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> accounts, by id.</summary>
    Task<IReadOnlyList<Account>> ListAccountsAsync(int max, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the account deleted at <paramref name="at"/> (one deleted already keeps its first time),
    /// then revokes each of its keys not revoked yet; returns the account as deleted, or null when there
    /// is none. Once marked, no key is issued to it, even by a silo that was issuing one at that moment.
    /// </summary>
    Task<Account?> DeleteAccountAsync(string accountId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Replaces an account's settings; false when it does not exist.</summary>
    Task<bool> UpdateAccountAsync(Account account, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="key"/> unless its account has <paramref name="maxActive"/> keys active at
    /// <paramref name="now"/> already. Two silos issuing at once cannot both get past the limit.
    /// </summary>
    Task<KeyIssue> AddKeyAsync(AccountKey key, int maxActive, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The key with <paramref name="keyId"/>, revoked and expired ones included, or null.</summary>
    Task<AccountKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Every key of the account, revoked and expired ones included, oldest first.</summary>
    Task<IReadOnlyList<AccountKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the key revoked at <paramref name="at"/> (a key revoked already keeps its first time);
    /// false when the account has no such key.
    /// </summary>
    Task<bool> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset at, CancellationToken cancellationToken);
}
