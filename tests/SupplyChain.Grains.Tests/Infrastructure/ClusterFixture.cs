using Orleans.TestingHost;
using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Grains.Tests.Infrastructure;

/// <summary>Two silos with memory streams and memory storage, as the embedded profile wires them.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Partitions = 4;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.UseEmbeddedProfile(Partitions));
        builder.ConfigureClient(client => client.UseEmbeddedStreams(Partitions));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Publishes <paramref name="events"/> as one stream message on the partition of their keys.</summary>
    public Task Publish(params InboundEvent[] events) => Client.PublishInbound(Partitions, events);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
