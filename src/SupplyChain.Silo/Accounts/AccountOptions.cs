namespace SupplyChain.Silo.Accounts;

/// <summary>
/// Accounts and their keys, bound from <c>SupplyChain:Accounts</c>. Each silo caches what it reads of
/// them for <see cref="CacheDuration"/>, so a change made on another silo (a new key, a revocation, a
/// new privacy setting) takes effect there within that time; on the silo that made it, at once.
/// </summary>
public sealed class AccountOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Accounts";

    /// <summary>Default of <see cref="CacheDuration"/>.</summary>
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromSeconds(30);

    /// <summary>The longest <see cref="CacheDuration"/> allowed: a revoked key must stop working soon.</summary>
    public static readonly TimeSpan MaxCacheDuration = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="MaxCachedEntries"/>.</summary>
    public const int DefaultMaxCachedEntries = 10_000;

    /// <summary>
    /// How long a silo keeps an account or key it read from the store (default 30 s, at most 5 min;
    /// zero reads the store on every request). The longest a revoked key keeps working on other silos.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = DefaultCacheDuration;

    /// <summary>
    /// Accounts and keys (known or not) a silo caches at most (default 10,000); past that the cache
    /// starts over, so callers presenting made-up key ids cannot grow it without bound.
    /// </summary>
    public int MaxCachedEntries { get; set; } = DefaultMaxCachedEntries;
}
