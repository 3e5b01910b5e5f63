using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Grains.Vehicles;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>
/// A vehicle that stops reporting is written and its activation let go after the idle timeout (1 s
/// here; the checkpoint interval, an hour, writes nothing in the meantime), stays in the fleet list,
/// and is read back with its recent pings when it reports again.
/// </summary>
public sealed class VehicleIdleTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private static int Partitions => new StreamOptions().Partitions;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseEmbeddedProfile();
            silo.Services.ConfigureBeyondLimits<VehicleCheckpointOptions>(o => o.VehicleIdleTimeout = TimeSpan.FromSeconds(1));
            silo.Services.Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.FromMilliseconds(500));
        });
        builder.ConfigureClient(client => client.UseEmbeddedStreams());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task IdleVehicle_WrittenAndLetGo_ListedStill_ReadBackWithItsRecentPings()
    {
        var truck = NewKey("IDL");
        var ping = Ping(truck, 51.9, 4.9, T0);
        var partition = _cluster.Client.GetPartitionOf(truck, Partitions);

        await Publish(ping);

        await Eventually.Until(() => StoredFixTime(truck), at => at == T0, "the idle vehicle written");
        Assert.Contains(await partition.GetVehicles(), v => v.VehicleId == truck && v.Location.At == T0);

        await Publish(ping);
        var view = await Eventually.Until(
            () => _cluster.Client.GetGrain<IVehicleGrain>(truck).GetView(), v => v?.IgnoredPings.GetValueOrDefault("duplicate") == 1, "the copy caught as a duplicate");
        Assert.Equal(T0, view!.Location!.At);
    }

    private async Task<DateTimeOffset?> StoredFixTime(string vehicleId) =>
        (await _cluster.StoredVehicle(StorageNames.State, vehicleId))?.Location?.At;

    private Task Publish(InboundEvent e) => _cluster.Client.PublishInbound(Partitions, e);
}
