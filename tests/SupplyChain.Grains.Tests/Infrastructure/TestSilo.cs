using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;
using SupplyChain.Grains.Streams;

namespace SupplyChain.Grains.Tests.Infrastructure;

/// <summary>A test silo wired as the embedded profile wires it: memory storage and streams, in-memory reminders, and the grains as every silo adds them.</summary>
public static class TestSilo
{
    /// <param name="silo">The silo being built.</param>
    /// <param name="partitions">Stream queues and inbound partitions, when not the defaults.</param>
    /// <param name="stateStorage">False when the test registers grain state storage of its own.</param>
    /// <param name="deliveryRetryDelay">
    /// The wait before a failed stream message is delivered again, when the test makes deliveries fail;
    /// otherwise Orleans' own backoff (random, up to 30 s).
    /// </param>
    public static ISiloBuilder UseEmbeddedProfile(this ISiloBuilder silo, int? partitions = null, bool stateStorage = true, TimeSpan? deliveryRetryDelay = null)
    {
        if (stateStorage)
        {
            silo.AddMemoryGrainStorage(StorageNames.State);
        }

        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        // The silo's own stream settings (cache, pulling agents), so the tests cannot drift from them.
        silo.AddSupplyChainMemoryStreams(partitions, configure: c =>
        {
            if (deliveryRetryDelay is { } delay)
            {
                c.ConfigureBackoffProvider((_, _) => new FixedDeliveryBackoff(delay));
            }
        });
        silo.UseInMemoryReminderService();
        if (partitions is { } count)
        {
            silo.Services.Configure<StreamOptions>(o => o.Partitions = count);
        }

        silo.Services.AddSingleton(TimeProvider.System);
        // As the embedded host does: a key ring in memory, for a silo whose state is in memory too.
        silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        silo.AddSupplyChainGrains();
        return silo;
    }

    /// <summary>
    /// Sets <typeparamref name="TOptions"/> past the limits a silo refuses on start (a checkpoint on every
    /// ping, an idle timeout of seconds), for a test that must see in seconds what production does in
    /// minutes. Call it after <see cref="UseEmbeddedProfile"/>, which registers the limits.
    /// </summary>
    public static IServiceCollection ConfigureBeyondLimits<TOptions>(this IServiceCollection services, Action<TOptions> configure)
        where TOptions : class
    {
        services.RemoveAll<IValidateOptions<TOptions>>();
        return services.Configure(configure);
    }

    /// <summary>The client side of the same memory streams, for tests that publish.</summary>
    public static IClientBuilder UseEmbeddedStreams(this IClientBuilder client, int? partitions = null) =>
        client.AddMemoryStreams(StreamNames.Provider, c => Configure(c, partitions));

    /// <summary>Publishes <paramref name="events"/> as one stream message on the partition of the first one's key, as the batcher would.</summary>
    public static Task PublishInbound(this IClusterClient client, int partitions, params InboundEvent[] events) =>
        client.GetStreamProvider(StreamNames.Provider)
            .GetStream<InboundBatch>(StreamPartitioner.StreamOf(StreamPartitioner.PartitionOf(events[0].Key, partitions)))
            .OnNextAsync(new InboundBatch(events));

    private static void Configure(IClusterClientMemoryStreamConfigurator streams, int? partitions)
    {
        if (partitions is { } count)
        {
            streams.ConfigurePartitioning(count);
        }

        streams.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
    }
}
