using System.Threading.RateLimiting;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// The request limit of every caller: a token bucket per key or client address, sized by the key's
/// role (or the key's own entry). Thread safe; buckets of callers that stay away are dropped.
/// </summary>
internal sealed class RequestLimits
{
    private readonly RateLimitOptions _options;
    private readonly Dictionary<string, KeyRateLimit> _keys;

    public RequestLimits(RateLimitOptions options)
    {
        _options = options;
        _keys = options.Keys.ToDictionary(k => k.Caller, StringComparer.Ordinal);
        Limiter = PartitionedRateLimiter.Create<HttpContext, Partition>(context =>
        {
            var caller = Caller.Of(context);
            var (perSecond, burst) = RateOf(caller);
            return RateLimitPartition.GetTokenBucketLimiter(new Partition(caller.Id, caller.Keyed, perSecond, burst), p => new TokenBucketRateLimiterOptions
            {
                TokenLimit = p.Burst,
                // One period of a second: the bucket refills in proportion to the time gone by,
                // checked by the partitioned limiter's own timer every 100 ms.
                TokensPerPeriod = p.PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                // A refused request is answered at once: waiting would hold connections open for the flood.
                QueueLimit = 0,
            });
        });
    }

    /// <summary>The limiter for the rate limiting middleware.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>The limit that applies to <paramref name="caller"/>, with the name problem details give it.</summary>
    public Limit For(Caller caller)
    {
        var (perSecond, burst) = RateOf(caller);
        return new Limit(caller, caller.Keyed ? "requests-per-key" : "requests-per-address", perSecond, burst);
    }

    /// <summary>The refusal of <paramref name="context"/>'s request, whose <paramref name="lease"/> the limiter did not grant.</summary>
    public RateLimitRefusal Refusal(HttpContext context, RateLimitLease lease)
    {
        var limit = For(Caller.Of(context));
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return new RateLimitRefusal(limit.Name, limit.Caller, limit.Describe(), retryAfter);
    }

    /// <summary>A caller's request limit.</summary>
    public sealed record Limit(Caller Caller, string Name, int PerSecond, int Burst)
    {
        public string Describe() =>
            $"The {Caller.Describe()} may make {PerSecond} requests per second (bursts of up to {Burst}).";
    }

    /// <summary>Requests per second and burst of <paramref name="caller"/>: every request asks, so nothing is allocated.</summary>
    private (int PerSecond, int Burst) RateOf(Caller caller)
    {
        if (!caller.Keyed)
        {
            return (_options.AnonymousRequestsPerSecond, _options.AnonymousRequestBurst);
        }

        var (perSecond, burst) = caller.IsOps
            ? (_options.AdminRequestsPerSecond, _options.AdminRequestBurst)
            : (_options.CarrierRequestsPerSecond, _options.CarrierRequestBurst);
        return _keys.TryGetValue(caller.Id, out var own) ? (own.RequestsPerSecond ?? perSecond, own.RequestBurst ?? burst) : (perSecond, burst);
    }

    /// <summary>A caller's bucket (a key's name and an address never share one); the sizes are part of it so that each partition is built with its own.</summary>
    private readonly record struct Partition(string Caller, bool Keyed, int PerSecond, int Burst);
}
