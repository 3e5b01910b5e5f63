using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// The durable profile's accounts and keys, in one Azure table that every silo of the service
/// shares. All rows of a service are in one partition (its service id), so an account and its keys
/// can change in one transaction: <c>account|{id}</c> rows hold the settings, <c>key|{keyId}</c> rows
/// a key's account, hash, hint and lifetime, so authentication finds a key by the id in the
/// presented secret with one point read. No row holds a secret. A service has tens to thousands of
/// accounts, far below a partition's 2,000 operations a second, and reads are cached per silo
/// (<see cref="AccountDirectory"/>). Thread safe.
/// </summary>
internal sealed class TableAccountStore(TableClient table, string serviceId) : IAccountStore
{
    private const string AccountPrefix = "account|";
    private const string KeyPrefix = "key|";

    /// <summary>Times a key's issue is tried again when another silo changed the account's keys meanwhile.</summary>
    private const int IssueAttempts = 5;

    /// <summary>Actions one Azure Table transaction may hold.</summary>
    private const int TransactionLimit = 100;

    private int _created;

    public async Task<bool> AddAccountAsync(Account account, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(account), cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    public async Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(serviceId, AccountPrefix + accountId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? ToAccount(entity) : null;
    }

    public async Task<IReadOnlyList<Account>> ListAccountsAsync(int max, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var accounts = new List<Account>();
        await foreach (var entity in table.QueryAsync<TableEntity>(RangeFilter(AccountPrefix), cancellationToken: cancellationToken))
        {
            accounts.Add(ToAccount(entity));
            if (accounts.Count == max)
            {
                break;
            }
        }

        return accounts;
    }

    public async Task<bool> UpdateAccountAsync(Account account, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            // Merge, not replace: the row's key counter belongs to the issuing of keys.
            await table.UpdateEntityAsync(ToEntity(account), ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return false;
        }
    }

    public async Task<Account?> DeleteAccountAsync(string accountId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(serviceId, AccountPrefix + accountId, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }

        var account = ToAccount(row);
        if (account.Deleted is null)
        {
            // Under the row's ETag, like an issue: an issue racing this one fails its transaction and,
            // trying again, finds the account deleted; a key it stored before is in the listing below.
            account = account with { Deleted = at };
            var mark = new TableEntity(serviceId, row.RowKey) { ["Deleted"] = at };
            try
            {
                await table.UpdateEntityAsync(mark, row.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException raced) when (raced.Status == 412)
            {
                // A key was issued meanwhile (the listing below sees it) or another silo deleted it: mark it regardless.
                await table.UpdateEntityAsync(mark, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
        }

        var revocations = (await ListKeysAsync(accountId, cancellationToken))
            .Where(k => k.RevokedAt is null)
            .Select(k => new TableTransactionAction(
                TableTransactionActionType.UpdateMerge, new TableEntity(serviceId, KeyPrefix + k.KeyId) { ["RevokedAt"] = at }, ETag.All))
            .Chunk(TransactionLimit);
        foreach (var batch in revocations)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }

        return account;
    }

    public async Task<KeyIssue> AddKeyAsync(AccountKey key, int maxActive, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(serviceId, AccountPrefix + key.AccountId, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value is not { } account)
            {
                return KeyIssue.NoAccount;
            }

            if (account.GetDateTimeOffset("Deleted") is not null)
            {
                return KeyIssue.AccountDeleted;
            }

            var keys = await ListKeysAsync(key.AccountId, cancellationToken);
            if (keys.Count(k => k.IsActiveAt(now)) >= maxActive)
            {
                return KeyIssue.TooManyActive;
            }

            // The account row's counter changes with every key issued, under the ETag read above: a
            // silo that issued a key for the account since then makes this transaction fail whole.
            var counter = new TableEntity(serviceId, account.RowKey) { ["KeysIssued"] = (account.GetInt32("KeysIssued") ?? 0) + 1 };
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.UpdateMerge, counter, account.ETag),
                new(TableTransactionActionType.Add, ToEntity(key)),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return KeyIssue.Issued;
            }
            catch (TableTransactionFailedException raced) when (raced.Status == 412 && attempt < IssueAttempts)
            {
            }
        }
    }

    public async Task<AccountKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(serviceId, KeyPrefix + keyId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? ToKey(entity) : null;
    }

    public async Task<IReadOnlyList<AccountKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var filter = $"{RangeFilter(KeyPrefix)} and {TableClient.CreateQueryFilter($"AccountId eq {accountId}")}";
        var keys = new List<AccountKey>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            keys.Add(ToKey(entity));
        }

        return [.. keys.OrderBy(k => k.Created)];
    }

    public async Task<bool> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await GetKeyAsync(keyId, cancellationToken) is not { } key || key.AccountId != accountId)
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            var revoked = new TableEntity(serviceId, KeyPrefix + keyId) { ["RevokedAt"] = at };
            await table.UpdateEntityAsync(revoked, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        return true;
    }

    /// <summary>The rows of this service whose row key starts with <paramref name="prefix"/> ('}' follows '|' in ASCII).</summary>
    private string RangeFilter(string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {serviceId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");

    private TableEntity ToEntity(Account account) => new(serviceId, AccountPrefix + account.Id)
    {
        ["DisplayName"] = account.DisplayName,
        ["Role"] = account.Role,
        ["Sources"] = JsonSerializer.Serialize(account.Sources),
        ["PublicPositionPrecision"] = account.PublicPositionPrecision.ToString(),
        ["RequireTrackingToken"] = account.RequireTrackingToken,
        ["Created"] = account.Created,
    };

    private TableEntity ToEntity(AccountKey key) => new(serviceId, KeyPrefix + key.KeyId)
    {
        ["AccountId"] = key.AccountId,
        ["Hash"] = key.Hash,
        ["Hint"] = key.Hint,
        ["Created"] = key.Created,
        ["ExpiresAt"] = key.ExpiresAt,
        ["RevokedAt"] = key.RevokedAt,
    };

    private static Account ToAccount(TableEntity entity) => new(
        entity.RowKey[AccountPrefix.Length..],
        entity.GetString("DisplayName") ?? string.Empty,
        entity.GetString("Role") ?? string.Empty,
        JsonSerializer.Deserialize<string[]>(entity.GetString("Sources") ?? "[]") ?? [],
        Enum.TryParse<PositionPrecision>(entity.GetString("PublicPositionPrecision"), out var precision) ? precision : PrivacyOptions.DefaultPublicPositionPrecision,
        entity.GetBoolean("RequireTrackingToken") ?? false,
        entity.GetDateTimeOffset("Created") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("Deleted"));

    private static AccountKey ToKey(TableEntity entity) => new(
        entity.RowKey[KeyPrefix.Length..],
        entity.GetString("AccountId") ?? string.Empty,
        entity.GetBinary("Hash") ?? [],
        entity.GetString("Hint") ?? string.Empty,
        entity.GetDateTimeOffset("Created") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("ExpiresAt"),
        entity.GetDateTimeOffset("RevokedAt"));

    /// <summary>Creates the table on first use.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }
}
