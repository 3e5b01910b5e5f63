namespace SupplyChain.Ingestion.Batching;

/// <summary>
/// How long a partition's message, while it gathers, is worth holding open for one more request: a
/// running mean of the gaps between the requests that joined one message, times <see cref="QuietFactor"/>.
/// Gathering is worth it only while requests keep coming. Clients that wait for their answer before they
/// send again (a device on one keep-alive connection) all join the message that is forming and then
/// stop: beyond that, the window is only their latency, and the platform's throughput is their number
/// over that latency. Independent devices keep arriving at their rate, and their gaps stay near the
/// mean, so their messages still fill to the window. The factor is large because arrivals at a steady
/// rate are random: a gap of 8 means comes once in about 3,000 (e^-8), so a fleet's message is not
/// cut short by a chance lull. The silence is never less than a twentieth of the window, so requests
/// queued in the same instant (gaps of zero) do not end every later message at once. Not thread safe:
/// it belongs to one partition's loop.
/// </summary>
internal sealed class ArrivalGaps
{
    /// <summary>How many mean gaps without a request end the gathering of a message.</summary>
    public const int QuietFactor = 8;

    /// <summary>The shortest silence, as a share of the window.</summary>
    public const int LeastQuietPerWindow = 20;

    /// <summary>The weight of the newest gap in the mean.</summary>
    private const double Weight = 1.0 / 8;

    private double? _meanTicks;

    /// <summary>The silence after which a message forming under <paramref name="window"/> stops waiting: the window itself until a gap was seen.</summary>
    public TimeSpan QuietWithin(TimeSpan window) =>
        _meanTicks is { } mean
            ? TimeSpan.FromTicks(Math.Clamp((long)(mean * QuietFactor), window.Ticks / LeastQuietPerWindow, window.Ticks))
            : window;

    /// <summary>Counts the gap between two requests that joined the same message.</summary>
    public void Observe(TimeSpan gap)
    {
        var ticks = Math.Max(0, gap.Ticks);
        _meanTicks = _meanTicks is { } mean ? mean + (ticks - mean) * Weight : ticks;
    }
}
