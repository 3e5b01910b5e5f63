using Orleans.Internal;
using Orleans.Runtime.Providers;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// How long a pulling agent waits before delivering a failed stream message again: the configured
/// first delay, doubling per attempt, at most <see cref="StreamProviderOptions.MaxDeliveryRetryDelay"/>.
/// The partition grain counts the attempts and dead-letters what keeps failing, so the waits decide
/// how long a fault may last (a silo dying, storage blinking) before an event is given up as poison,
/// and how long the messages behind a poison one wait.
/// </summary>
internal sealed class DeliveryBackoff(StreamProviderOptions streams) : IMessageDeliveryBackoffProvider
{
    /// <summary>Orleans counts attempts from 0: <paramref name="attempt"/> 0 is the wait after the first failed delivery.</summary>
    public TimeSpan Next(int attempt) => streams.DeliveryRetryDelayAfter(attempt + 1);
}
