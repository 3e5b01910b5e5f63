using System.Security.Cryptography;
using System.Text;
using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Grains.Ingestion;

/// <summary>An inbound event the grains could not apply after the configured attempts, kept for ops to inspect and re-drive.</summary>
/// <param name="Id">Derived from the event's <c>source</c> and <c>id</c>, so the same event dead-lettered twice is one letter.</param>
/// <param name="Partition">The partition stream it travelled on.</param>
/// <param name="Event">The event itself.</param>
/// <param name="Reason">The last failure, as the grain reported it.</param>
/// <param name="Attempts">How many deliveries of its stream message failed.</param>
/// <param name="At">When it was dead-lettered (wall clock).</param>
public sealed record DeadLetter(string Id, string Partition, InboundEvent Event, string Reason, int Attempts, DateTimeOffset At)
{
    /// <summary>The letter id of <paramref name="e"/>: hex of SHA-256 over its source and id, 32 characters.</summary>
    public static string IdOf(InboundEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(e.Source + "\n" + e.Id));
        return Convert.ToHexStringLower(hash)[..32];
    }
}
