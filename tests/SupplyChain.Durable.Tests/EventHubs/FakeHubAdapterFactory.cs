using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Statistics;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace SupplyChain.Durable.Tests.EventHubs;

/// <summary>Orleans' own Event Hubs adapter factory with only the hub swapped: receivers read a <see cref="FakeHub"/>.</summary>
public sealed class FakeHubAdapterFactory(
    string name,
    EventHubOptions hubOptions,
    EventHubReceiverOptions receiverOptions,
    EventHubStreamCachePressureOptions cacheOptions,
    StreamCacheEvictionOptions evictionOptions,
    StreamStatisticOptions statisticOptions,
    IEventHubDataAdapter dataAdapter,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    IEnvironmentStatisticsProvider environmentStatistics,
    FakeHub hub)
    : EventHubAdapterFactory(name, hubOptions, receiverOptions, cacheOptions, evictionOptions, statisticOptions, dataAdapter, services, loggerFactory, environmentStatistics)
{
    public static FakeHubAdapterFactory Create(IServiceProvider services, string name, FakeHub hub)
    {
        T Named<T>() => services.GetRequiredService<IOptionsMonitor<T>>().Get(name);
        var factory = new FakeHubAdapterFactory(
            name, Named<EventHubOptions>(), Named<EventHubReceiverOptions>(), Named<EventHubStreamCachePressureOptions>(),
            Named<StreamCacheEvictionOptions>(), Named<StreamStatisticOptions>(),
            ActivatorUtilities.CreateInstance<EventHubDataAdapter>(services), services,
            services.GetRequiredService<ILoggerFactory>(), services.GetRequiredService<IEnvironmentStatisticsProvider>(), hub);
        factory.Init();
        return factory;
    }

    public override void Init()
    {
        base.Init();
        EventHubReceiverFactory = (settings, offset, _) => hub.Open(settings.Partition, offset);
    }

    /// <summary>No connection to a namespace: there is none.</summary>
    protected override void InitEventHubClient()
    {
    }

    protected override Task<string[]> GetPartitionIdsAsync() => Task.FromResult(hub.Partitions);

    /// <summary>
    /// Sends (the grains publish outbound events on the same provider) go to the fake hub: the
    /// provider's own message format, a partition picked by the stream's key as the service would.
    /// </summary>
    public override Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        var key = dataAdapter.GetPartitionKey(streamId);
        var partition = hub.Partitions[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)hub.Partitions.Length)];
        hub.Append(partition, dataAdapter.ToQueueMessage(streamId, events, token, requestContext), key);
        return Task.CompletedTask;
    }
}
