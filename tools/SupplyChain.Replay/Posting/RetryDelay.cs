using System.Net.Http.Headers;

namespace SupplyChain.Replay.Posting;

/// <summary>How long to wait before trying a batch again. Pure.</summary>
internal static class RetryDelay
{
    /// <summary>The longest wait taken from a server's <c>Retry-After</c>: a longer one is a misconfiguration, not a plan.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between attempts when the server names none.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> + 1: what <paramref name="retryAfter"/> asks
    /// (seconds or a date, against <paramref name="now"/>), capped; else a doubling backoff from 250 ms.
    /// </summary>
    public static TimeSpan Before(int attempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        var asked = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        if (asked is { } wait)
        {
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
        }

        var backoff = FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 16));
        return backoff > MaxBackoff ? MaxBackoff : backoff;
    }
}
