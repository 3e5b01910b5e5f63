using System.Collections.Concurrent;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// Logs refusals: the first of each caller and limit at once, then at most one line per caller and
/// limit every <see cref="Interval"/> with the count in between, so a flood writes a few lines rather
/// than one per request. Thread safe.
/// </summary>
internal sealed partial class RejectionLog(ILogger<RejectionLog> logger, TimeProvider time)
{
    /// <summary>The shortest time between two lines about the same caller and limit.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Callers remembered at most; beyond, the memory is cleared (a flood from many addresses then logs a line each again).</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<(string Caller, string Limit), Window> _windows = new();

    public void Refused(RateLimitRefusal refusal)
    {
        var now = time.GetTimestamp();
        var key = (refusal.Caller.PartitionKey, refusal.Limit);
        if (_windows.TryGetValue(key, out var window) && time.GetElapsedTime(window.StartedAt, now) < Interval)
        {
            Interlocked.Increment(ref window.Suppressed);
            return;
        }

        if (_windows.Count >= MaxRemembered)
        {
            _windows.Clear();
        }

        var suppressed = window is null ? 0 : Interlocked.Exchange(ref window.Suppressed, 0);
        _windows[key] = new Window(now);
        LogRefused(logger, refusal.Limit, refusal.Caller.Describe(), suppressed, Interval);
    }

    private sealed class Window(long startedAt)
    {
        public readonly long StartedAt = startedAt;
        public long Suppressed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit {Limit} refused {Caller} ({Suppressed} more refusals not logged in the {Interval} before)")]
    private static partial void LogRefused(ILogger logger, string limit, string caller, long suppressed, TimeSpan interval);
}
