using Orleans.Internal;
using Orleans.Runtime.Providers;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// How long a pulling agent waits before delivering a failed stream message again: the
/// configured first delay, doubling per attempt, at most 30 s. The partition grain counts the
/// attempts and dead-letters what keeps failing, so the waits decide how long a fault may last
/// (a silo dying, storage blinking) before an event is given up as poison.
/// </summary>
internal sealed class DeliveryBackoff(TimeSpan first) : IMessageDeliveryBackoffProvider
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    public TimeSpan Next(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt, 0, 16));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, Longest.Ticks));
    }
}
