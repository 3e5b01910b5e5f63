using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>An idle shipment is noticed by its reminder (wall clock), with thresholds shrunk to seconds.</summary>
public sealed class IdleShipmentTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseEmbeddedProfile();
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<TrackingOptions>(o => o.ShipmentIdleThreshold = TimeSpan.FromSeconds(2));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ShipmentWithoutNews_RaisesOneNoMovementWithoutVehicle()
    {
        var tn = NewKey("IDLE");
        var shipment = _cluster.Client.GetGrain<IShipmentGrain>(tn);
        await shipment.ApplyScan(Scan(tn, Domain.Shipments.ScanType.PickedUp, T0));

        var events = await Eventually.Until(
            async () => (await shipment.GetEvents())!, e => e.Any(x => x.Type == EventTypes.NoMovementDetected), "the idle alert");

        var idle = Assert.Single(events, e => e.Type == EventTypes.NoMovementDetected);
        using var data = JsonDocument.Parse(idle.Data);
        Assert.Equal(JsonValueKind.Null, data.RootElement.GetProperty("vehicleId").ValueKind);
        Assert.Equal([tn], data.RootElement.GetProperty("trackingNumbers").EnumerateArray().Select(t => t.GetString()));
        Assert.True(data.RootElement.GetProperty("durationSeconds").GetInt64() >= 2);
        Assert.Equal(EventTypes.ShipmentSource(tn), idle.Source);
    }
}
