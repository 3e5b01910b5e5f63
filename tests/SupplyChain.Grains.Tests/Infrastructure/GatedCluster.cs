using Orleans.Runtime;
using Orleans.TestingHost;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Grains.Tests.Infrastructure;

/// <summary>
/// One silo wired as the embedded profile, with <see cref="GatedStorage"/> as the grains' state
/// storage and the contract's default partitions: the setup of every test that makes storage slow
/// or refuse. Start it in a test class's <c>InitializeAsync</c>, dispose it in <c>DisposeAsync</c>.
/// </summary>
internal sealed class GatedCluster : IAsyncDisposable
{
    private GatedCluster(InProcessTestCluster cluster)
    {
        Cluster = cluster;
        Storage = GatedStorage.Of(cluster);
    }

    public static int Partitions => new StreamOptions().Partitions;

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public GatedStorage Storage { get; }

    /// <param name="configure">More of the silo's setup (options, other gated stores).</param>
    /// <param name="deliveryRetryDelay">The wait before a failed stream message is delivered again (see <see cref="TestSilo.UseEmbeddedProfile"/>).</param>
    public static async Task<GatedCluster> StartAsync(Action<ISiloBuilder>? configure = null, TimeSpan? deliveryRetryDelay = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            GatedStorage.AddTo(silo);
            silo.UseEmbeddedProfile(stateStorage: false, deliveryRetryDelay: deliveryRetryDelay);
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.UseEmbeddedStreams());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GatedCluster(cluster);
    }

    /// <summary>Publishes <paramref name="events"/> as one stream message on the partition of the first one's key.</summary>
    public Task Publish(params InboundEvent[] events) => Client.PublishInbound(Partitions, events);

    /// <summary>The vehicle as its grain shows it.</summary>
    public Task<VehicleView?> Vehicle(string vehicleId) => Client.GetGrain<IVehicleGrain>(vehicleId).GetView();

    /// <summary>
    /// Makes <paramref name="call"/> until it answers, as a client sends a refused request again: a grain
    /// let go after a refused write fails the calls queued behind that write with its error.
    /// </summary>
    public static async Task<T> SentAgainUntilAnswered<T>(Func<Task<T>> call)
    {
        var answer = await Eventually.Until(
            async () =>
            {
                try
                {
                    return (Answered: true, Value: await call());
                }
                catch (OrleansException)
                {
                    return (Answered: false, Value: default(T));
                }
            },
            r => r.Answered,
            "an answer once storage takes writes again");
        return answer.Value!;
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
