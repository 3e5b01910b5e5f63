using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Grains.Vehicles;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>
/// A partition holds its vehicles in memory and stores each on its own: what storage refused is
/// applied again on redelivery, not dropped as a duplicate, and a vehicle outlives its partition's
/// activation. Every accepted ping writes here (checkpoint interval zero), so each test can watch storage.
/// </summary>
public sealed class FleetStorageTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;
    private GatedStorage _storage = null!;

    private static int Partitions => new StreamOptions().Partitions;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            GatedStorage.AddTo(silo);
            silo.UseEmbeddedProfile(stateStorage: false);
            silo.Services.Configure<VehicleCheckpointOptions>(o => o.VehicleCheckpointInterval = TimeSpan.Zero);
        });
        builder.ConfigureClient(client => client.UseEmbeddedStreams());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _storage = GatedStorage.Of(_cluster);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task WriteRefused_PingRedelivered_AppliedAndStoredOnceStorageTakesIt()
    {
        var truck = NewKey("FLT");
        _storage.Refuse("vehicle");

        await Publish(Ping(truck, 51.9, 4.9, T0));
        await Eventually.Until(() => Task.FromResult(_storage.Refusals), n => n > 0, "the refused write");
        _storage.Open();

        var stored = await Eventually.Until(() => Stored(truck), s => s?.Location?.At == T0, "the ping in storage");
        Assert.Empty(stored!.IgnoredPings);
        var view = await Vehicle(truck).GetVehicle(truck);
        Assert.Equal(T0, view!.Location!.At);
        Assert.Empty(view.IgnoredPings);
    }

    [Fact]
    public async Task PartitionDeactivated_VehicleReadBackFromStorage_WithItsRecentPings()
    {
        var truck = NewKey("FLT");
        var ping = Ping(truck, 51.9, 4.9, T0);
        await Publish(ping);
        await Eventually.Until(() => Stored(truck), s => s?.Location?.At == T0, "the ping in storage");

        await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        var read = await Vehicle(truck).GetVehicle(truck);
        Assert.Equal(T0, read!.Location!.At);

        await Publish(ping);
        var view = await Eventually.Until(
            () => Vehicle(truck).GetVehicle(truck), v => v?.IgnoredPings.GetValueOrDefault("duplicate") == 1, "the copy caught as a duplicate");
        Assert.Equal(T0, view!.Location!.At);
    }

    [Fact]
    public async Task UnknownVehicle_NoView_AndNotListed()
    {
        var truck = NewKey("FLT");

        Assert.Null(await Vehicle(truck).GetVehicle(truck));
        Assert.DoesNotContain(await Vehicle(truck).GetVehicles(), v => v.VehicleId == truck);
    }

    private IPartitionGrain Vehicle(string vehicleId) => _cluster.Client.GetPartitionOf(vehicleId, Partitions);

    private Task<VehicleState?> Stored(string vehicleId) => _cluster.StoredVehicle(GatedStorage.Inner, vehicleId);

    private Task Publish(InboundEvent e) => _cluster.Client.PublishInbound(Partitions, e);
}
