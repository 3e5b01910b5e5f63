using Orleans.Concurrency;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Contracts.Live;

/// <summary>
/// A live subscriber (a browser's Server-Sent Events stream) registered with the grain whose
/// events it asked for: one shipment, or one partition for the ops feed. Registrations expire
/// after <see cref="LiveFeed.Expiry"/> unless renewed, so a subscriber that vanished without
/// saying so costs nothing for long.
/// </summary>
[Alias("sc.ILiveFeedObserver")]
public interface ILiveFeedObserver : IGrainObserver
{
    /// <summary>New events, oldest first. One-way: a slow browser never slows a grain.</summary>
    [OneWay, Alias("OnEvents")]
    Task OnEvents(IReadOnlyList<OutboundEvent> events);
}
