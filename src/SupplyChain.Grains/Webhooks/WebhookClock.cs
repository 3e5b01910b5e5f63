namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// The clock webhook delivery schedules by (retry waits, disabling, timestamps). Its own service so
/// tests can compress delivery time with a fake <see cref="TimeProvider"/> without moving the rest
/// of the silo's time.
/// </summary>
public sealed class WebhookClock(TimeProvider time)
{
    /// <summary>The time provider behind the clock.</summary>
    public TimeProvider Time { get; } = time;
}
