using Orleans.TestingHost;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>
/// A vehicle's alert is owed in the vehicle's stored state, not only in its partition's memory: a
/// partition let go (or crashed) before the shipment took the alert attaches it once it reads the
/// vehicle back. A class of its own, beside <see cref="AlertHandOffTests"/>: with both tests in one
/// class, one cluster after the other, both timed out in a full run (cause not found).
/// </summary>
public sealed class AlertOwedTests : IAsyncLifetime
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
        });
        builder.ConfigureClient(client => client.UseEmbeddedStreams());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _storage = GatedStorage.Of(_cluster);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task PartitionLetGoBeforeTheShipmentTookTheAlert_AttachesItWhenTheVehicleIsReadBack()
    {
        var tn = NewKey("ALP");
        var truck = NewKey("TRK");
        var shipment = _cluster.Client.GetGrain<IShipmentGrain>(tn);
        await Publish(Scan(tn, ScanType.LoadedOnVehicle, T0, vehicleId: truck));
        await Eventually.Until(
            () => _cluster.Client.GetPartitionOf(truck, Partitions).GetVehicle(truck), v => v?.Shipments.Contains(tn) == true, "the truck carrying it");
        _storage.Refuse("shipment");
        await Publish(Ping(truck, 51.9, 4.9, T0.AddMinutes(1)));
        await Publish(Ping(truck, 51.9, 4.9, T0.AddMinutes(7)));
        await Publish(Ping(truck, 51.9, 4.9, T0.AddMinutes(13)));
        await Eventually.Until(
            () => _cluster.Client.GetPartitionOf(truck, Partitions).GetVehicle(truck), v => v?.StoppedSince is not null && v.Location?.At == T0.AddMinutes(13), "the truck's stop");
        await Eventually.Until(() => Task.FromResult(_storage.Refusals), n => n > 0, "the refused hand-off");

        // Every activation goes, the partition's retry queue with it; then the shipment can write again.
        await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        _storage.Open();
        await Publish(Ping(truck, 51.9, 4.9, T0.AddMinutes(14)));

        var events = await Eventually.Until(() => EventsOf(shipment), e => e?.Any(x => x.Type == EventTypes.NoMovementDetected) == true, "the stop alert on the shipment");
        Assert.Single(events!, e => e.Type == EventTypes.NoMovementDetected);
    }

    /// <summary>
    /// The shipment's events, or null when the read was queued behind an attempt refused before the
    /// gate opened: the shipment's activation is dropped then, and the calls waiting at it fail with it.
    /// </summary>
    private static async Task<IReadOnlyList<OutboundEvent>?> EventsOf(IShipmentGrain shipment)
    {
        try
        {
            return await shipment.GetEvents();
        }
        catch (OrleansException refused) when (refused.GetBaseException() is IOException)
        {
            return null;
        }
    }

    private Task Publish(InboundEvent e) => _cluster.Client.PublishInbound(Partitions, e);
}
