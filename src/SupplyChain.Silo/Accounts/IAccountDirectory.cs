namespace SupplyChain.Silo.Accounts;

/// <summary>
/// Accounts as the request path reads them: cached per silo for
/// <see cref="AccountOptions.CacheDuration"/> (30 s by default), so a change made on another silo
/// shows here within that time. Thread safe.
/// </summary>
internal interface IAccountDirectory
{
    /// <summary>
    /// The account made through the accounts API with <paramref name="accountId"/>, or null (no such
    /// account, or one that only configured keys name: those have the configured defaults).
    /// </summary>
    ValueTask<Account?> FindAsync(string accountId, CancellationToken cancellationToken = default);
}
