using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Domain.Events;

/// <summary>
/// Derives the id of an outbound event from its cause, so processing the same cause twice (a
/// redelivered stream message, a replay) yields the same id and consumers can drop the copy.
/// The id is the first 128 bits of SHA-256 over the cause and the event's type and subject, as
/// 32 lowercase hex digits. Thread safe.
/// </summary>
public static class OutboundEventId
{
    /// <summary>The id for the event of <paramref name="type"/> about <paramref name="subject"/> caused by <paramref name="cause"/>.</summary>
    /// <param name="cause">What caused it: for an inbound event its <see cref="EventCause"/>; for a timer, the timer's name and due time.</param>
    /// <param name="type">The outbound CloudEvent type.</param>
    /// <param name="subject">The outbound event's subject (tracking number or vehicle id).</param>
    public static string Derive(string cause, string type, string subject)
    {
        var text = string.Join('\n', cause, type, subject);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
