using System.Buffers.Binary;
using System.Buffers.Text;
using SupplyChain.Domain.Fleet;

namespace SupplyChain.Silo.Fleet;

/// <summary>
/// Where a reader of <c>GET /api/ops/map</c> stands: the view it asked for (box and zoom, as a hash),
/// whether it was shown as clusters, a hash of the partitions' activations, and each partition's
/// fleet version. Sent back as <c>since</c>, it lets the next answer carry only what changed; a
/// cursor of another view, partition count or activation gets the whole view again. On the wire:
/// base64url of a format byte, the mode byte, the two hashes and the versions as varints (about
/// 4 characters a partition). Immutable.
/// </summary>
internal sealed record FleetMapCursor(bool Clusters, ulong View, ulong Activations, IReadOnlyList<long> Versions)
{
    private const byte Format = 1;
    private const int HeaderBytes = 18;
    private const int MaxPartitions = 1024;
    private const int MaxVarintBytes = 10;

    /// <summary>The longest text a cursor can be.</summary>
    public static readonly int MaxLength = Base64Url.GetEncodedLength(HeaderBytes + 2 + MaxPartitions * MaxVarintBytes);

    /// <summary>The cursor as its text.</summary>
    public string Encode()
    {
        var bytes = new byte[HeaderBytes + MaxVarintBytes * (Versions.Count + 1)];
        bytes[0] = Format;
        bytes[1] = Clusters ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(2), View);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(10), Activations);
        var length = WriteVarint(bytes, HeaderBytes, (ulong)Versions.Count);
        foreach (var version in Versions)
        {
            length = WriteVarint(bytes, length, (ulong)version);
        }

        return Base64Url.EncodeToString(bytes.AsSpan(0, length));
    }

    /// <summary>The cursor <paramref name="text"/> is, or null when it is not one this API gave.</summary>
    public static FleetMapCursor? Decode(string text)
    {
        if (text.Length is 0 || text.Length > MaxLength || !Base64Url.IsValid(text))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(text);
        if (bytes.Length < HeaderBytes + 1 || bytes[0] != Format || bytes[1] > 1)
        {
            return null;
        }

        var at = HeaderBytes;
        if (ReadVarint(bytes, ref at) is not { } count || count is 0 or > MaxPartitions)
        {
            return null;
        }

        var versions = new long[count];
        for (var i = 0; i < versions.Length; i++)
        {
            if (ReadVarint(bytes, ref at) is not { } version || version > long.MaxValue)
            {
                return null;
            }

            versions[i] = (long)version;
        }

        return at == bytes.Length
            ? new FleetMapCursor(bytes[1] == 1, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(2)), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(10)), versions)
            : null;
    }

    /// <summary>The hash of a view: its box and zoom (FNV-1a, the same on every silo).</summary>
    public static ulong ViewOf(MapBox box, int zoom) =>
        Hash([BitConverter.DoubleToInt64Bits(box.West), BitConverter.DoubleToInt64Bits(box.South),
            BitConverter.DoubleToInt64Bits(box.East), BitConverter.DoubleToInt64Bits(box.North), zoom]);

    /// <summary>The hash of the partitions' activations (their epochs, in partition order).</summary>
    public static ulong ActivationsOf(IEnumerable<long> epochs) => Hash(epochs);

    private static ulong Hash(IEnumerable<long> values)
    {
        var hash = 14695981039346656037UL;
        foreach (var value in values)
        {
            for (var shift = 0; shift < 64; shift += 8)
            {
                hash = (hash ^ (byte)(value >> shift)) * 1099511628211UL;
            }
        }

        return hash;
    }

    private static int WriteVarint(byte[] bytes, int at, ulong value)
    {
        while (value >= 0x80)
        {
            bytes[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[at++] = (byte)value;
        return at;
    }

    private static ulong? ReadVarint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 7 * MaxVarintBytes && at < bytes.Length; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        return null;
    }
}
