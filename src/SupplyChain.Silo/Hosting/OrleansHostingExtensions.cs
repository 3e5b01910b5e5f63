using System.Net;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Streams;
using SupplyChain.Contracts.Streams;

namespace SupplyChain.Silo.Hosting;

/// <summary>Wires Orleans for the configured cluster mode.</summary>
internal static class OrleansHostingExtensions
{
    /// <summary>Pulling agents hand this many stream messages to consumers per read (measured best here).</summary>
    private const int PullBatchSize = 16;

    /// <summary>Memory stream cache: messages added per pull (measured best with the batch size above).</summary>
    private const int MemoryCacheMaxAddCount = 1000;

    public static WebApplicationBuilder AddSupplyChainOrleans(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(SiloClusterOptions.Section).Get<SiloClusterOptions>() ?? new();
        var streams = builder.Configuration.GetSection(StreamProviderOptions.Section).Get<StreamProviderOptions>() ?? new();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            silo.ConfigureEndpoints(cluster.AdvertisedAddress ?? IPAddress.Loopback, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
            silo.AddMemoryGrainStorage(StorageNames.State);
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.UseInMemoryReminderService();
            silo.AddMemoryStreams(StreamNames.Provider, configurator =>
            {
                configurator.ConfigurePartitioning(streams.Queues);
                configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                configurator.ConfigurePullingAgent(agent => agent.Configure(o => o.BatchContainerBatchSize = PullBatchSize));
                configurator.Configure<MemoryStreamCacheOptions>(options => options.Configure(o => o.MaxAddCount = MemoryCacheMaxAddCount));
            });
        });
        return builder;
    }
}
