using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Polling;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// This silo's copy of the subscriptions as an immutable <see cref="SubscriptionIndex"/>, and the
/// hand-off of events to their subscriptions' dispatchers. The grain that records an event (a
/// shipment, a vehicle) asks the index on its own silo and calls only the dispatchers that want the
/// event: no grain sees every event. The registry's version is checked every
/// <see cref="RefreshInterval"/>, so a subscription change reaches every silo within about that;
/// the silo that served the change refreshes at once. Polling starts once the silo is active
/// (before that no silo can host the registry). Thread safe.
/// </summary>
internal sealed partial class WebhookRouter(IGrainFactory grains, TimeProvider time, ILogger<WebhookRouter> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How often the registry's version is checked.</summary>
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private ActiveSiloPoller? _poller;

    // Built on first use: a field initializer cannot refer to the refresh method.
    private ActiveSiloPoller Poller => _poller ??=
        new(nameof(WebhookRouter), RefreshInterval, time, token => RefreshAsync(token), ex => LogRefreshFailed(logger, ex));
    private volatile Snapshot _current = new(-1, SubscriptionIndex.Empty);

    /// <summary>The routing index as of the last refresh.</summary>
    public SubscriptionIndex Index => _current.Index;

    /// <summary>Whether any event goes to any subscription at all.</summary>
    public bool HasSubscriptions => _current.Index.Count > 0;

    /// <summary>Whether <paramref name="e"/> goes to at least one subscription.</summary>
    public bool Wants(OutboundEvent e) => _current.Index.Match(e).Count > 0;

    /// <summary>
    /// Hands <paramref name="events"/> to the dispatchers of the subscriptions that want them, in
    /// their order, and returns once every dispatcher has stored them. Throws when any hand-off
    /// fails; handing the same events over again is safe (dispatchers drop copies by event id).
    /// </summary>
    public async Task HandOff(IReadOnlyList<OutboundEvent> events)
    {
        if (events.Count == 0 || !HasSubscriptions)
        {
            return;
        }

        var index = _current.Index;
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
            await Task.WhenAll(bySubscription.Select(s => grains.GetGrain<IWebhookDispatcherGrain>(s.Key).Enqueue(s.Value)));
        }
    }

    /// <summary>Brings the index up to the registry's current version.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var registry = grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key);
            if (await registry.GetVersion() == _current.Version)
            {
                return;
            }

            var set = await registry.GetAll();
            _current = new Snapshot(set.Version, new SubscriptionIndex(set.Entries));
            LogRefreshed(logger, set.Version, _current.Index.Count);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Participate(ISiloLifecycle lifecycle) => Poller.Participate(lifecycle);

    public void Dispose()
    {
        _refreshing.Dispose();
        _poller?.Dispose();
    }

    private sealed record Snapshot(long Version, SubscriptionIndex Index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook routing index rebuilt at version {Version} with {Count} enabled subscriptions")]
    private static partial void LogRefreshed(ILogger logger, long version, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook routing refresh failed; keeping the current index")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
