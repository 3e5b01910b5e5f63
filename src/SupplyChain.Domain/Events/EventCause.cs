using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace SupplyChain.Domain.Events;

/// <summary>
/// The inbound event that caused outbound ones, as 128 bits: the XXH3 128-bit hash of its CloudEvent
/// <c>source</c> and <c>id</c>. Its text, 32 lowercase hex digits, is the cause outbound ids derive from
/// (<see cref="OutboundEventId"/>). Sixteen bytes held inline, because a vehicle keeps the cause of each
/// of its latest fixes for shipments bound later: as the ping's id string it was an object per ping,
/// and a reference from an old vehicle to a young object that every garbage collection had to follow
/// (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Every accepted ping has its cause computed. SHA-256 (through the platform's OpenSSL) cost about 0.5 µs
/// on a quiet core and, by a CPU profile at 96,000 pings/s, nearly 2 µs under load, a tenth of the
/// silo's CPU; XXH3 costs tens of nanoseconds. It is not a cryptographic hash, and need not be: a
/// carrier who crafted two events of its own to share a cause would make its own consumers drop one of
/// its own outbound events, which it could as well have never sent; one carrier's events never raise
/// events about another's shipments or vehicles, whose ids include their subjects. Over events nobody
/// crafted, 128 bits make a shared cause as unlikely as with SHA-256's first half.
/// </remarks>
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
            var hash = XxHash128.HashToUInt128(buffer[..written]);
            return new EventCause((ulong)(hash >> 64), (ulong)hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The cause as outbound ids derive from it: 32 lowercase hex digits, the hash's canonical (big-endian) form.</summary>
    public override string ToString() =>
        string.Create(32, this, static (digits, cause) =>
        {
            cause.High.TryFormat(digits, out _, "x16", CultureInfo.InvariantCulture);
            cause.Low.TryFormat(digits[16..], out _, "x16", CultureInfo.InvariantCulture);
        });
}
