using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Live;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Events;

/// <summary>
/// One grain's way out for the events it raises: its bounded history, the webhook outbox (staged
/// before the state write, published after it) or webhooks directly, its live watchers, and the ops
/// feed through its partition. Publishing is the one verb: to webhooks, to watchers, to the ops feed.
/// Not thread safe: it belongs to one grain activation.
/// </summary>
internal sealed class OutboundPublisher(WebhookOutbox webhooks, IPartitionGrain partition, ILogger logger)
{
    private const string WatchersKey = "sc.watchers";

    // Made by the first watcher: every active vehicle and shipment has a publisher, few are watched.
    private ObserverManager<ILiveFeedObserver>? _watchers;

    /// <summary>Whether anyone watches the grain live.</summary>
    public bool Watched => _watchers is { Count: > 0 };

    /// <summary>Adds <paramref name="events"/> to <paramref name="history"/>, keeping its newest <paramref name="limit"/>.</summary>
    public static void Record(List<OutboundEvent> history, IReadOnlyList<OutboundEvent> events, int limit)
    {
        history.AddRange(events);
        if (history.Count > limit)
        {
            history.RemoveRange(0, history.Count - limit);
        }
    }

    public void Watch(ILiveFeedObserver observer) => (_watchers ??= new(LiveFeed.Expiry, logger)).Subscribe(observer, observer);

    /// <summary>Watches for each of <paramref name="observers"/> (none when null): the watchers a moved activation carried.</summary>
    public void Watch(ILiveFeedObserver[]? observers)
    {
        foreach (var observer in observers ?? [])
        {
            Watch(observer);
        }
    }

    /// <summary>
    /// Puts the live watchers in the context of an activation the rebalancer moves: the new one watches
    /// for them at once, where a browser would otherwise see nothing until its next renewal (up to
    /// <see cref="LiveFeed.RenewEvery"/>). Each starts a fresh expiry there, which renewals keep.
    /// </summary>
    public void CarryWatchers(IDehydrationContext context)
    {
        if (_watchers is { Count: > 0 } watchers)
        {
            context.TryAddValue(WatchersKey, watchers.Observers.Values.ToArray());
        }
    }

    /// <summary>The watchers a moved activation carried (see <see cref="CarryWatchers"/>), or null.</summary>
    public static ILiveFeedObserver[]? CarriedWatchers(IRehydrationContext context) =>
        context.TryGetValue<ILiveFeedObserver[]>(WatchersKey, out var observers) ? observers : null;

    public void Unwatch(ILiveFeedObserver observer) => _watchers?.Unsubscribe(observer);

    /// <summary>Before the state write: puts the events some subscription wants in <paramref name="outbox"/> (see <see cref="WebhookOutbox"/>).</summary>
    public void Stage(List<OutboundEvent> outbox, IReadOnlyList<OutboundEvent> events) => webhooks.Stage(outbox, events);

    /// <summary>After the state write: publishes the outbox to webhooks; false (outbox kept) on failure. Never throws.</summary>
    public Task<bool> PublishOutbox(List<OutboundEvent> outbox) => webhooks.TryPublish(outbox);

    /// <summary>Publishes to webhooks without an outbox, before the state write; throws on failure.</summary>
    public Task PublishToWebhooks(IReadOnlyList<OutboundEvent> events) => webhooks.Publish(events);

    /// <summary>Publishes to the grain's live watchers, if any.</summary>
    public Task PublishToWatchers(IReadOnlyList<OutboundEvent> events) =>
        events.Count > 0 && _watchers is { Count: > 0 } watchers ? watchers.Notify(o => o.OnEvents(events)) : Task.CompletedTask;

    /// <summary>
    /// Publishes to the ops feed through the grain's partition, without waiting: events raised outside a
    /// stream delivery (a fix, a reminder) reach the ops map only this way. See docs/architecture.md for
    /// the partition -> shipment -> partition edge this closes.
    /// </summary>
    public void PublishToOpsFeed(IReadOnlyList<OutboundEvent> events)
    {
        if (events.Count > 0)
        {
            partition.Publish(events).Ignore();
        }
    }
}
