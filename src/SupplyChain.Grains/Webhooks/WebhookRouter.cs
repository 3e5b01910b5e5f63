using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Polling;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// This silo's copy of the subscriptions as an immutable <see cref="SubscriptionIndex"/>, and the
/// publishing of events to their subscriptions' grains. The grain that records an event (a
/// shipment, a vehicle) asks the index on its own silo and calls only the subscriptions that want the
/// event: no grain sees every event. The registry's version is checked every
/// <see cref="RefreshInterval"/>, so a subscription change reaches every silo within about that;
/// the silo that served the change refreshes at once. Polling starts once the silo is active
/// (before that no silo can host the registry). Thread safe.
/// </summary>
public sealed partial class WebhookRouter(IGrainFactory grains, TimeProvider time, ILogger<WebhookRouter> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How often the registry's version is checked.</summary>
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly RegistryCopy<SubscriptionIndex> _copy = new(
        nameof(WebhookRouter), RefreshInterval, time, SubscriptionIndex.Empty,
        () => Registry(grains).GetVersion(),
        () => Load(Registry(grains), logger),
        ex => LogRefreshFailed(logger, ex));

    /// <summary>The routing index as of the last refresh.</summary>
    internal SubscriptionIndex Index => _copy.Value;

    /// <summary>Whether any event goes to any subscription at all.</summary>
    public bool HasSubscriptions => Index.Count > 0;

    /// <summary>Whether <paramref name="e"/> goes to at least one subscription.</summary>
    public bool Wants(OutboundEvent e) => Index.Match(e).Count > 0;

    /// <summary>
    /// Publishes <paramref name="events"/> to the subscriptions that want them, in
    /// their order, and returns once every subscription has stored them. Throws when any subscription
    /// fails; publishing the same events again is safe (subscriptions drop copies by event id).
    /// </summary>
    public async Task Publish(IReadOnlyList<OutboundEvent> events)
    {
        if (events.Count == 0 || !HasSubscriptions)
        {
            return;
        }

        var index = Index;
        var bySubscription = new Dictionary<string, List<OutboundEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            foreach (var id in index.Match(e))
            {
                if (!bySubscription.TryGetValue(id, out var list))
                {
                    bySubscription[id] = list = [];
                }

                list.Add(e);
            }
        }

        if (bySubscription.Count > 0)
        {
            await Task.WhenAll(bySubscription.Select(s => grains.GetGrain<ISubscriptionGrain>(s.Key).Enqueue(s.Value)));
        }
    }

    /// <summary>Brings the index up to the registry's current version.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => _copy.RefreshAsync(cancellationToken);

    public void Participate(ISiloLifecycle lifecycle) => _copy.Participate(lifecycle);

    public void Dispose() => _copy.Dispose();

    private static IWebhookRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key);

    private static async Task<(long, SubscriptionIndex)> Load(IWebhookRegistryGrain registry, ILogger logger)
    {
        var set = await registry.GetAll();
        var index = new SubscriptionIndex(set.Entries);
        LogRefreshed(logger, set.Version, index.Count);
        return (set.Version, index);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook routing index rebuilt at version {Version} with {Count} enabled subscriptions")]
    private static partial void LogRefreshed(ILogger logger, long version, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook routing refresh failed; keeping the current index")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
