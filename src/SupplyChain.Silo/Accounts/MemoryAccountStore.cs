namespace SupplyChain.Silo.Accounts;

/// <summary>The embedded profile's accounts and keys: in this process only, gone at restart. Thread safe (one lock; writes are rare).</summary>
internal sealed class MemoryAccountStore : IAccountStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountKey> _keys = new(StringComparer.Ordinal);

    public Task<bool> AddAccountAsync(Account account, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_accounts.TryAdd(account.Id, account));
        }
    }

    public Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_accounts.GetValueOrDefault(accountId));
        }
    }

    public Task<IReadOnlyList<Account>> ListAccountsAsync(int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Account>>([.. _accounts.Values.Take(max)]);
        }
    }

    public Task<bool> UpdateAccountAsync(Account account, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_accounts.ContainsKey(account.Id))
            {
                return Task.FromResult(false);
            }

            _accounts[account.Id] = account;
            return Task.FromResult(true);
        }
    }

    public Task<Account?> DeleteAccountAsync(string accountId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_accounts.TryGetValue(accountId, out var account))
            {
                return Task.FromResult<Account?>(null);
            }

            var deleted = account with { Deleted = account.Deleted ?? at };
            _accounts[accountId] = deleted;
            foreach (var key in _keys.Values.Where(k => k.AccountId == accountId && k.RevokedAt is null).ToList())
            {
                _keys[key.KeyId] = key with { RevokedAt = at };
            }

            return Task.FromResult<Account?>(deleted);
        }
    }

    public Task<KeyIssue> AddKeyAsync(AccountKey key, int maxActive, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_accounts.TryGetValue(key.AccountId, out var account))
            {
                return Task.FromResult(KeyIssue.NoAccount);
            }

            if (account.Deleted is not null)
            {
                return Task.FromResult(KeyIssue.AccountDeleted);
            }

            if (_keys.Values.Count(k => k.AccountId == key.AccountId && k.IsActiveAt(now)) >= maxActive)
            {
                return Task.FromResult(KeyIssue.TooManyActive);
            }

            _keys.Add(key.KeyId, key);
            return Task.FromResult(KeyIssue.Issued);
        }
    }

    public Task<AccountKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.GetValueOrDefault(keyId));
        }
    }

    public Task<IReadOnlyList<AccountKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AccountKey>>([.. _keys.Values.Where(k => k.AccountId == accountId).OrderBy(k => k.Created)]);
        }
    }

    public Task<bool> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_keys.TryGetValue(keyId, out var key) || key.AccountId != accountId)
            {
                return Task.FromResult(false);
            }

            _keys[keyId] = key with { RevokedAt = key.RevokedAt ?? at };
            return Task.FromResult(true);
        }
    }
}
