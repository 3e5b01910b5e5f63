using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Streams;
using SupplyChain.Contracts.Streams;

namespace SupplyChain.Grains.Streams;

/// <summary>
/// The inbound streams' settings that every silo shares, the embedded host and the grain tests' silo
/// alike, so that a test silo reads its streams as production does.
/// </summary>
public static class StreamsSiloBuilderExtensions
{
    /// <summary>Pulling agents hand this many stream messages to consumers per read (docs/benchmarks.md).</summary>
    public const int PullBatchSize = 16;

    /// <summary>Memory stream cache: messages added per pull, in step with <see cref="PullBatchSize"/>.</summary>
    public const int MemoryCacheMaxAddCount = 1000;

    /// <summary>How often a memory stream's pulling agent reads its queue unless told otherwise: one local call per read.</summary>
    public static readonly TimeSpan DefaultMemoryPollPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long the memory streams keep a message once added: at least the first, and until messages the
    /// second newer have come. Orleans' defaults, 5 and 30 minutes, keep half an hour of traffic in the
    /// silo, which at a load test's rate ran the embedded silo out of memory (docs/benchmarks.md). A minute
    /// outlasts a delivery that waits out a grain call's 30 s timeout once; a message still undelivered
    /// after that is dropped, in a profile that keeps nothing across a restart anyway.
    /// </summary>
    private static readonly TimeSpan MemoryCacheMinTime = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MemoryCacheMaxAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Adds the inbound memory streams: <paramref name="queues"/> queues (Orleans' default when null),
    /// implicit subscriptions only, the pulling agents of <see cref="ConfigureSupplyChainPulling"/> and
    /// the bounded cache; <paramref name="configure"/> adds what the host decides (its backoff).
    /// </summary>
    public static ISiloBuilder AddSupplyChainMemoryStreams(
        this ISiloBuilder silo, int? queues, TimeSpan? pollPeriod = null, Action<ISiloMemoryStreamConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.AddMemoryStreams(StreamNames.Provider, configurator =>
        {
            if (queues is { } count)
            {
                configurator.ConfigurePartitioning(count);
            }

            configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            configurator.ConfigureSupplyChainPulling(pollPeriod ?? DefaultMemoryPollPeriod);
            configurator.Configure<MemoryStreamCacheOptions>(options => options.Configure(o => o.MaxAddCount = MemoryCacheMaxAddCount));
            configurator.ConfigureCacheEviction(options => options.Configure(o =>
            {
                o.DataMinTimeInCache = MemoryCacheMinTime;
                o.DataMaxAgeInCache = MemoryCacheMaxAge;
            }));
            configure?.Invoke(configurator);
        });
    }

    /// <summary>
    /// Pulling agents of any provider: <see cref="PullBatchSize"/>, <paramref name="pollPeriod"/>, and no
    /// time limit on delivering a message: the partition grain decides, by counting attempts, when an
    /// event is poison and goes to the dead letters. With Orleans' default limit (1 min) the agent itself
    /// would drop a message that failed for a minute, such as during a storage outage.
    /// </summary>
    public static void ConfigureSupplyChainPulling(this ISiloPersistentStreamConfigurator configurator, TimeSpan pollPeriod)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.ConfigurePullingAgent(agent => agent.Configure(o =>
        {
            o.BatchContainerBatchSize = PullBatchSize;
            o.GetQueueMsgsTimerPeriod = pollPeriod;
            o.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan;
        }));
    }
}
