using Orleans.Runtime.Providers;

namespace SupplyChain.Grains.Tests.Infrastructure;

/// <summary>The same wait before every redelivery of a failed stream message, so a test knows when the attempts come.</summary>
internal sealed class FixedDeliveryBackoff(TimeSpan delay) : IMessageDeliveryBackoffProvider
{
    public TimeSpan Next(int attempt) => delay;
}
