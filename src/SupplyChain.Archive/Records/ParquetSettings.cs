using Parquet;

namespace SupplyChain.Archive.Records;

/// <summary>
/// The Parquet library's settings for every archive file written or read. The library keeps freed
/// buffers for reuse, without bound unless told: in a long-running silo that kept a load test's buffers
/// on the heap for good (docs/benchmarks.md, "Figures behind design choices"), so the pools are capped.
/// </summary>
internal static class ParquetSettings
{
    private const int PoolBytes = 16 * 1024 * 1024;

    /// <summary>For writing: Snappy (cheap to write, and what every Parquet reader knows), capped pools.</summary>
    public static readonly ParquetOptions Write = new()
    {
        CompressionMethod = CompressionMethod.Snappy,
        MaximumSmallPoolFreeBytes = PoolBytes,
        MaximumLargePoolFreeBytes = PoolBytes,
    };

    /// <summary>For reading: capped pools.</summary>
    public static readonly ParquetOptions Read = new()
    {
        MaximumSmallPoolFreeBytes = PoolBytes,
        MaximumLargePoolFreeBytes = PoolBytes,
    };
}
