using System.Text;
using Orleans.Runtime;

namespace SupplyChain.Contracts.Streams;

/// <summary>
/// Spreads keys (tracking numbers, vehicle ids) over a fixed number of partition streams with a
/// stable hash (32-bit FNV-1a over UTF-8), so every silo, and every version of the platform,
/// sends the events of one key to the same partition and their order is kept.
/// </summary>
public static class StreamPartitioner
{
    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitions"/>.</summary>
    public static int PartitionOf(string key, int partitions)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        Span<byte> buffer = key.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        var hash = offsetBasis;
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * prime;
        }

        return (int)(hash % (uint)partitions);
    }

    /// <summary>The stream id of partition <paramref name="partition"/>.</summary>
    public static StreamId StreamOf(int partition) =>
        StreamId.Create(StreamNames.Inbound, partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
