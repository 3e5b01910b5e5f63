using Microsoft.Extensions.Logging;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// The producers' side of webhook delivery. A shipment keeps an outbox in its state: the events
/// some subscription wants are added to it before the state write that records them
/// (<see cref="Stage"/>), and handed to the dispatchers after it (<see cref="TryHandOff"/>). A
/// crash between the two leaves them in the stored outbox, handed over on the next activation. The
/// emptied outbox is stored with the shipment's next write; until then a restart hands the same
/// events over again and the dispatchers drop the copies by id. A vehicle, which writes its state
/// only on meaningful changes, hands its events over before that write instead
/// (<see cref="HandOff"/>). Thread safe (stateless apart from the router).
/// </summary>
internal sealed partial class WebhookOutbox(WebhookRouter router, ILogger<WebhookOutbox> logger)
{
    /// <summary>How often a shipment retries a failed hand-off.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>Most events an outbox holds while hand-offs fail; beyond it the oldest are dropped and logged.</summary>
    public const int Limit = 1000;

    /// <summary>Adds the events of <paramref name="raised"/> that some subscription wants to <paramref name="outbox"/>.</summary>
    public void Stage(List<OutboundEvent> outbox, IReadOnlyList<OutboundEvent> raised)
    {
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

    /// <summary>Hands the outbox over and empties it; false (outbox kept) when a dispatcher could not take it. Never throws.</summary>
    public async Task<bool> TryHandOff(List<OutboundEvent> outbox)
    {
        if (outbox.Count == 0)
        {
            return true;
        }

        var events = outbox.ToArray();
        try
        {
            await router.HandOff(events);
        }
        catch (Exception ex)
        {
            LogHandOffFailed(logger, ex, events[0].Subject, events.Length);
            return false;
        }

        outbox.RemoveRange(0, Math.Min(events.Length, outbox.Count));
        return true;
    }

    /// <summary>
    /// Hands a vehicle's events over before its state is written. On failure the exception is
    /// rethrown: the vehicle's fleet drops it from memory, and the stream delivers the ping again to
    /// a vehicle read afresh, which raises the same events (same ids) and hands them over again.
    /// </summary>
    public async Task HandOff(IReadOnlyList<OutboundEvent> events)
    {
        try
        {
            await router.HandOff(events);
        }
        catch (Exception ex)
        {
            LogHandOffFailed(logger, ex, events[0].Subject, events.Count);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook hand-off of {Count} events of {Subject} failed; it will be retried")]
    private static partial void LogHandOffFailed(ILogger logger, Exception exception, string subject, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook outbox of {Subject} is full; dropped its {Count} oldest events")]
    private static partial void LogOutboxFull(ILogger logger, string subject, int count);
}
