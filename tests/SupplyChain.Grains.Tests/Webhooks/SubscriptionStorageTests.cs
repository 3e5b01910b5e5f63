using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Grains.Webhooks;
using TestEvents = SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>
/// A subscription change storage refused is not kept: the admin got an error and sends the request
/// again, and that retry must meet what storage holds, not a change held in memory that a later
/// write would store or a restart would drop.
/// </summary>
public sealed class SubscriptionStorageTests : IAsyncDisposable
{
    private const string Subscriptions = "webhookdispatcher";
    private const string Registry = "webhookregistry";
    private GatedCluster _cluster = null!;

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>A silo whose subscriptions try an event twice, 1 ms apart, and are disabled after failing for <paramref name="disableAfter"/>.</summary>
    private async Task Start(TimeSpan? disableAfter = null) => _cluster = await GatedCluster.StartAsync(silo => silo.Services.Configure<WebhookOptions>(o =>
    {
        o.AllowInsecureUrls = true;
        o.RetrySchedule = [TimeSpan.FromMilliseconds(1)];
        o.Jitter = 0;
        o.DisableAfter = disableAfter ?? WebhookOptions.DefaultDisableAfter;
    }));

    [Fact]
    public async Task RotationRefused_RotatedAgain_TheReceiversSecretStillSignsThroughTheOverlap()
    {
        await Start();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var original = WebhookSecret.Create();
        receiver.Secret = WebhookSecret.Format(original);
        var subscription = await NewSubscription(receiver, original);

        _cluster.Storage.Refuse(Subscriptions);
        await Assert.ThrowsAnyAsync<Exception>(() => subscription.RotateSecret(WebhookSecret.Create(), TimeSpan.FromHours(1)));
        _cluster.Storage.Open();
        await GatedCluster.SentAgainUntilAnswered(() => subscription.RotateSecret(WebhookSecret.Create(), TimeSpan.FromHours(1)));
        await subscription.Enqueue([TestEvents.StatusChanged("S1", 0)]);

        var delivery = await Eventually.Until(() => Task.FromResult(receiver.Posts), posts => posts.Count > 0, "a delivery");
        Assert.Equal(200, delivery[0].Status);
    }

    [Fact]
    public async Task RedriveRefused_TheDeadLettersAreKept()
    {
        await Start();
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = 500;
        var subscription = await NewSubscription(receiver, WebhookSecret.Create());
        OutboundEvent[] events = [TestEvents.StatusChanged("S1", 0)];
        await subscription.Enqueue(events);
        await Eventually.Until(subscription.GetDeadLetters, letters => letters.Count == events.Length, "the event dead-lettered");

        // Booked in memory first and stored soon after: once let go and read again, it is stored.
        await CollectActivations();
        Assert.Equal(events.Length, (await subscription.GetDeadLetters()).Count);

        _cluster.Storage.Refuse(Subscriptions);
        await Assert.ThrowsAnyAsync<Exception>(() => subscription.Redrive(null));
        _cluster.Storage.Open();

        // Traffic goes on: the next event's hand-off writes the subscription's state.
        await GatedCluster.SentAgainUntilAnswered(async () =>
        {
            await subscription.Enqueue([TestEvents.StatusChanged("S2", 0)]);
            return true;
        });
        await CollectActivations();

        var kept = await GatedCluster.SentAgainUntilAnswered(subscription.GetDeadLetters);
        Assert.Superset(events.Select(e => e.Id).ToHashSet(), kept.Select(d => d.Event.Id).ToHashSet());
    }

    [Fact]
    public async Task EnableRefusedByTheRegistry_EnabledAgain_TheRegistryRoutesToIt()
    {
        await Start(disableAfter: TimeSpan.FromMilliseconds(1));
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = 500;
        var subscription = await NewSubscription(receiver, WebhookSecret.Create());
        await subscription.Enqueue([TestEvents.StatusChanged("S1", 0)]);
        await Eventually.Until(RegisteredEnabled, enabled => enabled == false, "the failing subscription disabled");

        receiver.Answer = 200;
        _cluster.Storage.Refuse(Registry);
        await Assert.ThrowsAnyAsync<Exception>(() => subscription.Enable());
        _cluster.Storage.Open();
        await GatedCluster.SentAgainUntilAnswered(subscription.Enable);
        await CollectActivations();

        Assert.True(await GatedCluster.SentAgainUntilAnswered(RegisteredEnabled));

        async Task<bool?> RegisteredEnabled()
        {
            var set = await _cluster.Client.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).GetAll();
            return set.Entries.SingleOrDefault(e => e.Id == subscription.GetPrimaryKeyString())?.Enabled;
        }
    }

    [Fact]
    public async Task RegistryChangeRefused_NotServedToTheRouters()
    {
        await Start();
        var registry = _cluster.Client.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key);
        var version = await registry.GetVersion();

        _cluster.Storage.Refuse(Registry);
        var entry = new SubscriptionEntry("sub_refused", Definition(new Uri("http://127.0.0.1:9/hooks")), Enabled: true, DateTimeOffset.UnixEpoch);
        await Assert.ThrowsAnyAsync<Exception>(() => registry.Put(entry));
        _cluster.Storage.Open();

        var served = await GatedCluster.SentAgainUntilAnswered(registry.GetAll);
        Assert.Equal(version, served.Version);
        Assert.DoesNotContain(served.Entries, e => e.Id == entry.Id);
    }

    private static SubscriptionDefinition Definition(Uri url) => new(url.ToString(), [], [], [], null, new SubscriptionOwner("test", "admin"));

    private Task CollectActivations() =>
        _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);

    private async Task<ISubscriptionGrain> NewSubscription(LoopbackReceiver receiver, byte[] secret)
    {
        var subscription = _cluster.Client.GetGrain<ISubscriptionGrain>("sub_" + Guid.NewGuid().ToString("N"));
        await subscription.Create(Definition(receiver.Url), secret);
        return subscription;
    }
}
