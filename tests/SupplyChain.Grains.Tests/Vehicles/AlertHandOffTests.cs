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
/// A vehicle's alert that names a shipment on board reaches that shipment even when the shipment
/// cannot write at the moment it is raised: the hand-off is tried again until it is taken.
/// </summary>
public sealed class AlertHandOffTests : IAsyncLifetime
{
    private GatedCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await GatedCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ShipmentRefusesWrites_WhenTheVehicleStops_StopAlertAttachedOnceItWritesAgain()
    {
        var tn = NewKey("ALH");
        var truck = NewKey("TRK");
        var shipment = _cluster.Client.GetGrain<IShipmentGrain>(tn);
        await Publish(Scan(tn, ScanType.LoadedOnVehicle, T0, vehicleId: truck));
        await Eventually.Until(
            () => _cluster.Vehicle(truck), v => v?.Shipments.Contains(tn) == true, "the truck carrying it");
        _cluster.Storage.Refuse("shipment");

        // Standing still for longer than the no-movement window (10 minutes of event time).
        await Publish(Ping(truck, 51.9, 4.9, T0.AddMinutes(1)));
        await Publish(Ping(truck, 51.9, 4.9, T0.AddMinutes(7)));
        await Publish(Ping(truck, 51.9, 4.9, T0.AddMinutes(13)));
        await Eventually.Until(
            () => _cluster.Vehicle(truck), v => v?.StoppedSince is not null && v.Location?.At == T0.AddMinutes(13), "the truck's stop");
        // A fix alone writes nothing here (no plan, no event): a refused write is the alert's hand-off.
        await Eventually.Until(() => Task.FromResult(_cluster.Storage.Refusals), n => n > 0, "the refused hand-off");
        _cluster.Storage.Open();

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

    private Task Publish(InboundEvent e) => _cluster.Publish(e);
}
