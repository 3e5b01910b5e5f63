using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using TestEvents = SupplyChain.Grains.Tests.Infrastructure.Events;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>
/// The shipment's webhook outbox: an event is stored with the state that raised it before it is
/// handed to the subscription, and a hand-off that fails (the subscription's storage refuses writes) is
/// not lost when the shipment's activation goes away: the next activation hands it over.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;
    private GatedStorage _storage = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            GatedStorage.AddTo(silo);
            silo.UseEmbeddedProfile(stateStorage: false);
            silo.Services.Configure<WebhookOptions>(o => o.AllowInsecureUrls = true);
        });
        builder.ConfigureClient(client => client.UseEmbeddedStreams());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _storage = GatedStorage.Of(_cluster);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task HandOffFails_EventStoredInTheOutbox_NextActivationHandsItOver()
    {
        var client = _cluster.Client;
        var services = _cluster.Silos[0].ServiceProvider;
        var tn = TestEvents.NewKey("WOB");
        var subscription = client.GetGrain<ISubscriptionGrain>("sub_" + Guid.NewGuid().ToString("N"));
        await subscription.Create(
            new SubscriptionDefinition($"http://127.0.0.1:{ClosedPort()}/hooks", [], [tn], [], null, new SubscriptionOwner("test", "admin")),
            new byte[32]);
        await services.GetRequiredService<WebhookRouter>().RefreshAsync(Ct);
        _storage.Refuse("webhookdispatcher");

        await Publish(TestEvents.Scan(tn, ScanType.PickedUp, TestEvents.T0));

        var shipment = client.GetGrain<IShipmentGrain>(tn);
        // A pickup raises its milestone and its status change.
        var recorded = await Eventually.Until(shipment.GetEvents, e => e is { Count: 2 }, "the shipment's events");
        var stored = new GrainState<ShipmentState>();
        await services.GetRequiredKeyedService<IGrainStorage>(GatedStorage.Inner).ReadStateAsync("shipment", GrainId.Create("shipment", tn), stored);
        Assert.Equal(recorded!.Select(e => e.Id), stored.State!.WebhookOutbox.Select(e => e.Id));
        // The refused hand-off lets the subscription's activation go: until it has gone, a call is answered
        // with that failure or from what it held in memory and storage never got. Asked again until the
        // next activation, read from storage, answers.
        var view = await Eventually.Until(
            async () =>
            {
                try
                {
                    return await subscription.Get();
                }
                catch (OrleansException)
                {
                    return null;
                }
            },
            v => v is { Pending: 0 },
            "the subscription, once its refused hand-off has let it go");
        Assert.Equal(0, view!.Pending);

        await client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        _storage.Open();
        await shipment.GetView();

        var attempts = await Eventually.Until(() => subscription.GetDeliveries(10), d => d.Count > 0, "the handed-over event's first attempt");
        Assert.Equal(recorded![0].Id, attempts![^1].EventId);
    }

    private Task Publish(Contracts.Ingestion.InboundEvent e) => _cluster.Client.PublishInbound(new StreamOptions().Partitions, e);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
