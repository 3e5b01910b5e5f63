namespace SupplyChain.Ingestion.Ownership;

/// <summary>How each silo remembers who owns what, bound from <c>SupplyChain:Ownership</c>.</summary>
public sealed class OwnershipOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Ownership";

    /// <summary>Default of <see cref="CacheTtl"/>: 1 minute.</summary>
    public static readonly TimeSpan DefaultCacheTtl = TimeSpan.FromMinutes(1);

    /// <summary>Default of <see cref="CacheCapacity"/>.</summary>
    public const int DefaultCacheCapacity = 200_000;

    /// <summary>
    /// How long a silo trusts the owner it last looked up. An admin's transfer takes effect at once on
    /// the silo that made it and within this time on the others.
    /// </summary>
    public TimeSpan CacheTtl { get; set; } = DefaultCacheTtl;

    /// <summary>
    /// Most owners a silo remembers (about 100 bytes each); past it the memory is emptied and refilled
    /// from the ownership grains, so a flood of new ids costs lookups, never unbounded memory.
    /// </summary>
    public int CacheCapacity { get; set; } = DefaultCacheCapacity;
}
