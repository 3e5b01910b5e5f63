using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// Caps on open live feeds (Server-Sent Events): per caller (a client address, or a key, which may
/// hold more) and per shipment. A feed holds its permits until its connection closes. Thread safe;
/// the counters of callers and shipments without open feeds are dropped.
/// </summary>
internal sealed class LiveConnectionLimits : IDisposable
{
    /// <summary>
    /// What a refused client is told to wait: a permit frees only when another viewer leaves, which no
    /// one can foresee, so this only spreads the retries out.
    /// </summary>
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<Caller> _callers;
    private readonly PartitionedRateLimiter<string> _shipments;

    public LiveConnectionLimits(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        _callers = PartitionedRateLimiter.Create<Caller, string>(caller => RateLimitPartition.GetConcurrencyLimiter(
            caller.PartitionKey, _ => Concurrency(caller.Keyed ? _options.LiveConnectionsPerKey : _options.LiveConnectionsPerAddress)));
        _shipments = PartitionedRateLimiter.Create<string, string>(trackingNumber => RateLimitPartition.GetConcurrencyLimiter(
            trackingNumber, _ => Concurrency(_options.LiveConnectionsPerShipment)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Takes a place for one feed of <paramref name="caller"/> (of the shipment <paramref name="trackingNumber"/>
    /// when given), released when the response ends; or the refusal naming the cap that is full.
    /// </summary>
    public RateLimitRefusal? TryOpen(HttpContext context, Caller caller, string? trackingNumber)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var callerLease = _callers.AttemptAcquire(caller);
        if (!callerLease.IsAcquired)
        {
            callerLease.Dispose();
            var (name, cap) = caller.Keyed
                ? ("live-connections-per-key", _options.LiveConnectionsPerKey)
                : ("live-connections-per-address", _options.LiveConnectionsPerAddress);
            return new RateLimitRefusal(name, caller, $"The {caller.Describe()} may hold {cap} live feeds open at once.", RetryAfter);
        }

        context.Response.RegisterForDispose(callerLease);
        if (trackingNumber is null)
        {
            return null;
        }

        var shipmentLease = _shipments.AttemptAcquire(trackingNumber);
        if (!shipmentLease.IsAcquired)
        {
            shipmentLease.Dispose();
            return new RateLimitRefusal(
                "live-connections-per-shipment", caller, $"Shipment '{trackingNumber}' may have {_options.LiveConnectionsPerShipment} live feeds open at once.", RetryAfter);
        }

        context.Response.RegisterForDispose(shipmentLease);
        return null;
    }

    public void Dispose()
    {
        _callers.Dispose();
        _shipments.Dispose();
    }

    private static ConcurrencyLimiterOptions Concurrency(int permits) => new() { PermitLimit = permits, QueueLimit = 0 };
}
