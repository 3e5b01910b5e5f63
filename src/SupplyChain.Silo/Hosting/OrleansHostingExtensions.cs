using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Streams;
using SupplyChain.Contracts.Streams;
using SupplyChain.Grains;
using SupplyChain.Grains.Streams;
using SupplyChain.Silo.Hosting.Durable;
using SupplyChain.Silo.KeyRing;

namespace SupplyChain.Silo.Hosting;

/// <summary>Wires Orleans for the configured cluster mode.</summary>
internal static class OrleansHostingExtensions
{
    public static WebApplicationBuilder AddSupplyChainOrleans(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(SiloClusterOptions.SectionName).Get<SiloClusterOptions>() ?? new();
        var streams = builder.Configuration.GetSection(StreamProviderOptions.SectionName).Get<StreamProviderOptions>() ?? new();
        // Checked now as well as on start: Orleans' providers are built from these settings, and
        // some are resolved (through hosted services) before options are validated on start.
        if (new SiloClusterOptionsValidator(builder.Configuration).Validate(null, cluster) is { Failed: true } refused)
        {
            throw new OptionsValidationException(SiloClusterOptions.SectionName, typeof(SiloClusterOptions), refused.Failures);
        }

        builder.Services.AddOptions<SiloClusterOptions>().Bind(builder.Configuration.GetSection(SiloClusterOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloClusterOptions>, SiloClusterOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<StreamProviderOptions>, StreamProviderSettingsValidator>();
        var durableStreams = streams.ProviderFor(cluster.Mode) != StreamProviderKind.Memory;
        builder.Services.PostConfigure<StreamOptions>(o => o.CompressMessages ??= durableStreams);

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
            silo.AddSupplyChainGrains();
            if (cluster.Rebalancing.Enabled)
            {
                silo.AddRebalancing(cluster.Rebalancing);
            }

            if (durable is null)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.ConfigureEndpoints(cluster.AdvertisedIPAddress ?? IPAddress.Loopback, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
                silo.AddMemoryGrainStorage(StorageNames.State);
                silo.AddMemoryGrainStorage(StorageNames.PubSub);
                silo.UseInMemoryReminderService();
                silo.AddSupplyChainMemoryStreams(
                    streams.Queues, streams.PollPeriodFor(StreamProviderKind.Memory), c => c.ConfigureBackoffProvider((_, _) => new DeliveryBackoff(streams)));
            }
            else
            {
                silo.UseDurableProviders(cluster, streams, durable);
            }
        });
        return builder;
    }

    /// <summary>Pulling agents of a durable provider: the shared settings, the poll period in effect for <paramref name="provider"/> and the delivery backoff.</summary>
    internal static void ConfigurePulling(this ISiloPersistentStreamConfigurator configurator, StreamProviderOptions streams, StreamProviderKind provider)
    {
        configurator.ConfigureSupplyChainPulling(streams.PollPeriodFor(provider));
        configurator.ConfigureBackoffProvider((_, _) => new DeliveryBackoff(streams));
    }
}
