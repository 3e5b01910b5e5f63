using System.Security.Cryptography;
using System.Text;
using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Grains.Partitions;

/// <summary>An inbound event the grains could not apply after the configured attempts, kept for ops to inspect and re-drive.</summary>
/// <param name="Id">Derived from the event's <c>source</c> and <c>id</c>, so the same event dead-lettered twice is one letter.</param>
/// <param name="Partition">The partition stream it travelled on.</param>
/// <param name="Type">The event's kind (<c>ScanReceived</c>, <c>PingReceived</c>).</param>
/// <param name="Key">The tracking number or vehicle id it is about (a store may shorten a very long one).</param>
/// <param name="Source">The CloudEvent <c>source</c> (a store may shorten a very long one).</param>
/// <param name="EventId">The CloudEvent <c>id</c> (a store may shorten a very long one).</param>
/// <param name="EventTime">The CloudEvent <c>time</c>.</param>
/// <param name="Reason">The last failure, as the grain reported it.</param>
/// <param name="Attempts">How many deliveries of its stream message failed.</param>
/// <param name="At">When it was dead-lettered (wall clock).</param>
/// <param name="Event">The event itself, or null when it was too large for the store to keep whole (then see <see cref="PayloadSha256"/>).</param>
public sealed record InboundDeadLetter(
    string Id, string Partition, string Type, string Key, string Source, string EventId, DateTimeOffset EventTime,
    string Reason, int Attempts, DateTimeOffset At, InboundEvent? Event)
{
    /// <summary>When the store kept the event without its payload: SHA-256 (lowercase hex) of the payload it could not keep.</summary>
    public string? PayloadSha256 { get; init; }

    /// <summary>When the store kept the event without its payload: the payload's size in bytes.</summary>
    public int? PayloadBytes { get; init; }

    /// <summary>The letter for <paramref name="e"/>, whole.</summary>
    public static InboundDeadLetter Of(InboundEvent e, string partition, string reason, int attempts, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(IdOf(e), partition, e.GetType().Name, e.Key, e.Source, e.Id, e.Time, reason, attempts, at, e);
    }

    /// <summary>The letter id of <paramref name="e"/>: hex of SHA-256 over its source and id, 32 characters.</summary>
    public static string IdOf(InboundEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(e.Source + "\n" + e.Id));
        return Convert.ToHexStringLower(hash)[..32];
    }
}
