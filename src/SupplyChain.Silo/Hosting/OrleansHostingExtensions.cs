using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Streams;
using SupplyChain.Contracts.Streams;
using SupplyChain.Grains.Vehicles;
using SupplyChain.Silo.DeadLetters;
using SupplyChain.Silo.Hosting.Durable;
using SupplyChain.Silo.KeyRing;

namespace SupplyChain.Silo.Hosting;

/// <summary>Wires Orleans for the configured cluster mode.</summary>
internal static class OrleansHostingExtensions
{
    /// <summary>Pulling agents hand this many stream messages to consumers per read (measured best here).</summary>
    internal const int PullBatchSize = 16;

    /// <summary>Memory stream cache: messages added per pull (measured best with the batch size above).</summary>
    private const int MemoryCacheMaxAddCount = 1000;

    /// <summary>
    /// How long the memory streams keep a message once added: at least the first, and until messages the
    /// second newer have come. Orleans' defaults, 5 and 30 minutes, keep half an hour of traffic in the
    /// silo, which at a load test's rate ran the embedded silo out of memory (docs/benchmarks.md). A minute
    /// outlasts a delivery that waits out a grain call's 30 s timeout once; a message still undelivered
    /// after that is dropped, in a profile that keeps nothing across a restart anyway.
    /// </summary>
    private static readonly TimeSpan MemoryCacheMinTime = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MemoryCacheMaxAge = TimeSpan.FromMinutes(1);

    public static WebApplicationBuilder AddSupplyChainOrleans(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(SiloClusterOptions.Section).Get<SiloClusterOptions>() ?? new();
        var streams = builder.Configuration.GetSection(StreamProviderOptions.Section).Get<StreamProviderOptions>() ?? new();
        // Checked now as well as on start: Orleans' providers are built from these settings, and
        // some are resolved (through hosted services) before options are validated on start.
        if (new SiloClusterOptionsValidator(builder.Configuration).Validate(null, cluster) is { Failed: true } refused)
        {
            throw new OptionsValidationException(SiloClusterOptions.Section, typeof(SiloClusterOptions), refused.Failures);
        }

        builder.Services.AddOptions<SiloClusterOptions>().Bind(builder.Configuration.GetSection(SiloClusterOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloClusterOptions>, SiloClusterOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<StreamProviderOptions>, StreamProviderSettingsValidator>();
        builder.Services.AddDeadLetters(builder.Configuration);
        var durableStreams = streams.ProviderFor(cluster.Mode) != StreamProviderKind.Memory;
        builder.Services.PostConfigure<StreamOptions>(o => o.CompressMessages ??= durableStreams);
        builder.Services.AddOptions<VehicleCheckpointOptions>().Bind(builder.Configuration.GetSection("SupplyChain:Tracking")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<VehicleCheckpointOptions>, VehicleCheckpointOptionsValidator>();

        // Durable services go first: their start-up check must run before Orleans starts.
        var durable = cluster.Mode == ClusterMode.Durable ? builder.AddDurableServices(cluster, streams) : null;
        builder.Services.AddSupplyChainKeyRing(builder.Configuration, cluster);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = cluster.MinimumReminderPeriod);
            if (durable is null)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.ConfigureEndpoints(cluster.AdvertisedIPAddress ?? IPAddress.Loopback, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
                silo.AddMemoryGrainStorage(StorageNames.State);
                silo.AddMemoryGrainStorage(StorageNames.PubSub);
                silo.UseInMemoryReminderService();
                silo.AddMemoryStreams(StreamNames.Provider, configurator =>
                {
                    configurator.ConfigurePartitioning(streams.Queues);
                    configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                    configurator.ConfigurePulling(streams, StreamProviderKind.Memory);
                    configurator.Configure<MemoryStreamCacheOptions>(options => options.Configure(o => o.MaxAddCount = MemoryCacheMaxAddCount));
                    configurator.ConfigureCacheEviction(options => options.Configure(o =>
                    {
                        o.DataMinTimeInCache = MemoryCacheMinTime;
                        o.DataMaxAgeInCache = MemoryCacheMaxAge;
                    }));
                });
            }
            else
            {
                silo.UseDurableProviders(cluster, streams, durable);
            }
        });
        return builder;
    }

    /// <summary>
    /// Pulling agents of any provider: batch size as measured, the poll period in effect for
    /// <paramref name="provider"/>, and no time limit on delivering a message: the partition grain
    /// decides, by counting attempts, when an event is poison and goes to the dead letters. With Orleans' default limit (1 min)
    /// the agent itself would drop a message that failed for a minute, such as during a storage outage.
    /// </summary>
    internal static void ConfigurePulling(this ISiloPersistentStreamConfigurator configurator, StreamProviderOptions streams, StreamProviderKind provider)
    {
        configurator.ConfigurePullingAgent(agent => agent.Configure(o =>
        {
            o.BatchContainerBatchSize = PullBatchSize;
            o.GetQueueMsgsTimerPeriod = streams.PollPeriodFor(provider);
            o.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan;
        }));
        configurator.ConfigureBackoffProvider((_, _) => new DeliveryBackoff(streams));
    }
}
