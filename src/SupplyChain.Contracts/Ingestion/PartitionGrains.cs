using System.Globalization;
using SupplyChain.Contracts.Streams;

namespace SupplyChain.Contracts.Ingestion;

/// <summary>References to the partition grains: by number, or the one that holds a key's events.</summary>
public static class PartitionGrains
{
    /// <summary>The grain of partition <paramref name="partition"/>.</summary>
    public static IPartitionGrain GetPartition(this IGrainFactory grains, int partition) =>
        grains.GetGrain<IPartitionGrain>(partition.ToString(CultureInfo.InvariantCulture));

    /// <summary>The grain of the partition that <paramref name="key"/> (a tracking number or vehicle id) belongs to.</summary>
    public static IPartitionGrain GetPartitionOf(this IGrainFactory grains, string key, int partitions) =>
        grains.GetPartition(StreamPartitioner.PartitionOf(key, partitions));

    /// <summary>Every partition's grain, in partition order.</summary>
    public static IPartitionGrain[] GetPartitions(this IGrainFactory grains, int partitions) =>
        [.. Enumerable.Range(0, partitions).Select(grains.GetPartition)];
}
