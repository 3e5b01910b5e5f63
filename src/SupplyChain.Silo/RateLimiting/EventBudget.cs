using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// Events per second per key on <c>POST /api/events</c>. How many events a request carries is known
/// only once its body is read, and a refusal should cost the silo nothing, so a request is let in
/// while the key's budget is positive and charged its accepted events afterwards: the budget may go
/// below zero, and the key's next requests are refused until it has refilled. Over any stretch of
/// time a key gets at most its rate plus its burst plus one request's events per concurrent request.
/// The framework's limiters cannot run into debt, hence this small bucket. Thread safe; one bucket
/// per key (an issued key's account), so the memory is bounded by the keys and accounts.
/// </summary>
internal sealed class EventBudget(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyRateLimit> _keys = options.Value.Keys.ToDictionary(k => k.Caller, StringComparer.Ordinal);

    /// <summary>The refusal of a request by <paramref name="caller"/> now, or null when it may post.</summary>
    public RateLimitRefusal? Check(Caller caller)
    {
        var (perSecond, burst) = LimitOf(caller);
        var wait = BucketOf(caller, burst).WaitForOne(perSecond, burst);
        return wait <= TimeSpan.Zero
            ? null
            : new RateLimitRefusal("events-per-key", caller, $"The {caller.Describe()} may post {perSecond} events per second (bursts of up to {burst}).", wait);
    }

    /// <summary>Charges <paramref name="events"/> accepted events to <paramref name="caller"/>.</summary>
    public void Charge(Caller caller, int events)
    {
        var (perSecond, burst) = LimitOf(caller);
        BucketOf(caller, burst).Take(events, perSecond, burst);
    }

    private (int PerSecond, int Burst) LimitOf(Caller caller)
    {
        var o = options.Value;
        return _keys.TryGetValue(caller.Id, out var own)
            ? (own.EventsPerSecond ?? o.EventsPerSecond, own.EventBurst ?? o.EventBurst)
            : (o.EventsPerSecond, o.EventBurst);
    }

    private Bucket BucketOf(Caller caller, int burst) => _buckets.GetOrAdd(caller.Id, static (_, state) => new Bucket(state.Time, state.Burst), (Time: time, Burst: burst));

    /// <summary>A token bucket that may run into debt; starts full.</summary>
    private sealed class Bucket(TimeProvider time, int burst)
    {
        private readonly Lock _lock = new();
        private double _tokens = burst;
        private long _at = time.GetTimestamp();

        /// <summary>How long until the bucket holds a whole event; zero when it does now.</summary>
        public TimeSpan WaitForOne(int perSecond, int burst)
        {
            lock (_lock)
            {
                Refill(perSecond, burst);
                return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / perSecond);
            }
        }

        public void Take(int events, int perSecond, int burst)
        {
            lock (_lock)
            {
                Refill(perSecond, burst);
                _tokens -= events;
            }
        }

        private void Refill(int perSecond, int burst)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_at, now).TotalSeconds * perSecond));
            _at = now;
        }
    }
}
