using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Domain.Events;

/// <summary>
/// The inbound event that caused outbound ones, as 128 bits: the first half of the SHA-256 of its
/// CloudEvent <c>source</c> and <c>id</c>. Its text, 32 lowercase hex digits, is the cause outbound
/// ids derive from (<see cref="OutboundEventId"/>). Sixteen bytes held inline, because a vehicle keeps
/// the cause of each of its latest fixes for shipments bound later: as the ping's id string it was an
/// object per ping, and a reference from an old vehicle to a young object that every garbage collection
/// had to follow (docs/benchmarks.md). A cryptographic hash, so a carrier cannot make two of its events
/// share a cause, and with it the ids consumers drop copies by.
/// </summary>
/// <param name="High">The first 64 bits.</param>
/// <param name="Low">The next 64 bits.</param>
public readonly record struct EventCause(ulong High, ulong Low)
{
    /// <summary>Inputs up to this size are hashed from the stack.</summary>
    private const int StackBytes = 512;

    /// <summary>The cause of the inbound event <paramref name="source"/>, <paramref name="id"/>.</summary>
    public static EventCause Of(string source, string id)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        // A separator that cannot occur in a URI reference keeps ("a", "bc") apart from ("ab", "c").
        var length = Encoding.UTF8.GetMaxByteCount(source.Length + 1 + id.Length);
        byte[]? rented = null;
        var buffer = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(source, buffer);
            buffer[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(id, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return new EventCause(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash[8..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The cause as outbound ids derive from it: 32 lowercase hex digits, the hash's bytes in order.</summary>
    public override string ToString() =>
        string.Create(32, this, static (digits, cause) =>
        {
            cause.High.TryFormat(digits, out _, "x16", CultureInfo.InvariantCulture);
            cause.Low.TryFormat(digits[16..], out _, "x16", CultureInfo.InvariantCulture);
        });
}
