using Microsoft.Extensions.Logging;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// The producers' side of webhook delivery. A shipment keeps an outbox in its state: the events
/// some subscription wants are added to it before the state write that records them
/// (<see cref="Stage"/>), and published to the subscriptions after it (<see cref="TryPublish"/>). A
/// crash between the two leaves them in the stored outbox, published on the next activation. The
/// emptied outbox is stored with the shipment's next write; until then a restart publishes the same
/// events again and the subscriptions drop the copies by id. A vehicle, which writes its state
/// only on meaningful changes, publishes its events before that write instead
/// (<see cref="Publish"/>). Both are where every outbound event passes, so both also give it to the
/// archive (<see cref="IOutboundEventRecorder"/>). Thread safe (stateless apart from the router).
/// </summary>
internal sealed partial class WebhookOutbox(WebhookRouter router, IOutboundEventRecorder archive, ILogger<WebhookOutbox> logger)
{
    /// <summary>How often a shipment retries a failed publish.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>Most events an outbox holds while publishing fails; beyond it the oldest are dropped and logged.</summary>
    public const int Limit = 1000;

    /// <summary>Adds the events of <paramref name="raised"/> that some subscription wants to <paramref name="outbox"/>.</summary>
    public void Stage(List<OutboundEvent> outbox, IReadOnlyList<OutboundEvent> raised)
    {
        archive.Record(raised);
        if (raised.Count == 0 || !router.HasSubscriptions)
        {
            return;
        }

        foreach (var e in raised)
        {
            if (router.Wants(e))
            {
                outbox.Add(e);
            }
        }

        if (outbox.Count > Limit)
        {
            var dropped = outbox.Count - Limit;
            LogOutboxFull(logger, outbox[0].Subject, dropped);
            outbox.RemoveRange(0, dropped);
        }
    }

    /// <summary>Publishes the outbox and empties it; false (outbox kept) when a subscription could not take it. Never throws.</summary>
    public async Task<bool> TryPublish(List<OutboundEvent> outbox)
    {
        if (outbox.Count == 0)
        {
            return true;
        }

        var events = outbox.ToArray();
        try
        {
            await router.Publish(events);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, events[0].Subject, events.Length);
            return false;
        }

        outbox.RemoveRange(0, Math.Min(events.Length, outbox.Count));
        return true;
    }

    /// <summary>
    /// Publishes a vehicle's events before its state is written. On failure the exception is
    /// rethrown: the vehicle's fleet drops it from memory, and the stream delivers the ping again to
    /// a vehicle read afresh, which raises the same events (same ids) and publishes them again.
    /// </summary>
    public async Task Publish(IReadOnlyList<OutboundEvent> events)
    {
        archive.Record(events);
        try
        {
            await router.Publish(events);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, events[0].Subject, events.Count);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} events of {Subject} to webhooks failed; it will be retried")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string subject, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook outbox of {Subject} is full; dropped its {Count} oldest events")]
    private static partial void LogOutboxFull(ILogger logger, string subject, int count);
}
