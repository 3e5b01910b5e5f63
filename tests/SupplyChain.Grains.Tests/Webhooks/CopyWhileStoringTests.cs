using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Grains.Webhooks;
using TestEvents = SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>
/// A producer that gave up waiting hands the same events over again while the subscription is still
/// storing the first hand-off. The copy is acknowledged only once the first is stored, and fails
/// with it: an acknowledged hand-off is a stored one, and an event is queued once however many
/// copies arrive.
/// </summary>
public sealed class CopyWhileStoringTests : IAsyncLifetime
{
    private const int SegmentSize = 2;
    private InProcessTestCluster _cluster = null!;
    private GatedStorage _storage = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            GatedStorage.AddTo(silo);
            silo.UseEmbeddedProfile(stateStorage: false);
            silo.Services.Configure<WebhookOptions>(o =>
            {
                o.AllowInsecureUrls = true;
                o.SegmentSize = SegmentSize;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _storage = GatedStorage.Of(_cluster);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task CopyWhileHeadWriteIsPending_FirstWriteFails_CopyFailsToo()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = 503;
        var subscription = await NewSubscription(receiver);
        var e = TestEvents.StatusChanged("S1", 0);

        var (first, copy) = await HandOverTwiceWhileHeld(subscription, e, "webhookdispatcher");
        _storage.Refuse();

        await Assert.ThrowsAnyAsync<Exception>(() => first);
        await Assert.ThrowsAnyAsync<Exception>(() => copy);
        Assert.Equal(0, (await subscription.Get())!.Pending);

        _storage.Open();
        await subscription.Enqueue([e]);
        Assert.Equal(1, (await subscription.Get())!.Pending);
    }

    [Fact]
    public async Task CopyWhileSegmentWriteIsPending_FirstWriteStored_QueuedOnce()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = 503;
        var subscription = await NewSubscription(receiver);
        await subscription.Enqueue([TestEvents.StatusChanged("S1", 0), TestEvents.StatusChanged("S1", 1)]);
        var e = TestEvents.StatusChanged("S1", 2);

        var (first, copy) = await HandOverTwiceWhileHeld(subscription, e, "webhooksegment");
        Assert.False(copy.IsCompleted, "the copy acknowledged before its event was stored");
        _storage.Open();

        await first;
        await copy;
        Assert.Equal(SegmentSize + 1, (await subscription.Get())!.Pending);
    }

    /// <summary>
    /// Holds the writes of <paramref name="grainType"/>, hands <paramref name="e"/> over, and once its
    /// write waits at the gate hands it over again; returns when the subscription has seen the copy.
    /// </summary>
    private async Task<(Task First, Task Copy)> HandOverTwiceWhileHeld(ISubscriptionGrain subscription, OutboundEvent e, string grainType)
    {
        _storage.Hold(grainType);
        var first = subscription.Enqueue([e]);
        await Eventually.Until(() => Task.FromResult(_storage.Waiting), n => n > 0, $"a {grainType} write waiting at the gate");
        var copy = subscription.Enqueue([e]);

        // Calls from one client reach the grain in order: once this returns, the copy has been seen.
        await subscription.Enqueue([]);
        return (first, copy);
    }

    private async Task<ISubscriptionGrain> NewSubscription(LoopbackReceiver receiver)
    {
        var subscription = _cluster.Client.GetGrain<ISubscriptionGrain>("sub_" + Guid.NewGuid().ToString("N"));
        await subscription.Create(new SubscriptionDefinition(receiver.Url.ToString(), [], [], [], null, new SubscriptionOwner("test", "admin")), new byte[32]);
        return subscription;
    }

}
