using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// The cached reads of accounts and keys (<see cref="IAccountDirectory"/>), and what the accounts API
/// calls after a change so that this silo sees it at once. Other silos see it when their cached copy
/// expires, within <see cref="AccountOptions.CacheDuration"/>. Thread safe.
/// </summary>
internal sealed class AccountDirectory : IAccountDirectory
{
    private readonly IAccountStore _store;
    private readonly ExpiringCache<Account> _accounts;
    private readonly ExpiringCache<AccountKey> _keys;

    public AccountDirectory(IAccountStore store, IOptions<AccountOptions> options, TimeProvider time)
    {
        _store = store;
        var o = options.Value;
        _accounts = new ExpiringCache<Account>(time, o.CacheDuration, o.MaxCachedEntries);
        _keys = new ExpiringCache<AccountKey>(time, o.CacheDuration, o.MaxCachedEntries);
    }

    public ValueTask<Account?> FindAsync(string accountId, CancellationToken cancellationToken = default) =>
        _accounts.GetAsync(accountId, _store.GetAccountAsync, cancellationToken);

    /// <summary>The issued key with <paramref name="keyId"/> (revoked and expired ones too), or null.</summary>
    public ValueTask<AccountKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        _keys.GetAsync(keyId, _store.GetKeyAsync, cancellationToken);

    /// <summary>Drops this silo's copy of the account after a change made here.</summary>
    public void ForgetAccount(string accountId) => _accounts.Forget(accountId);

    /// <summary>Drops this silo's copy of the key after a change made here (a revocation).</summary>
    public void ForgetKey(string keyId) => _keys.Forget(keyId);
}
