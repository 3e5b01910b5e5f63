using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Grains.Webhooks;
using TestEvents = SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>
/// A subscription stored before secrets were encrypted (its secret in plain text) keeps working: its
/// first activation encrypts the secret and writes the state back without the plain text, and its
/// deliveries are signed with the same secret as before. And a stored secret that cannot be
/// decrypted fails only what it must.
/// </summary>
public sealed class SecretMigrationTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseEmbeddedProfile();
            silo.Services.Configure<WebhookOptions>(o => o.AllowInsecureUrls = true);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task PlaintextSecretInStoredState_EncryptedOnActivation_DeliveriesSignedWithIt()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = 204;
        var id = "sub_" + Guid.NewGuid().ToString("N")[..24];
        var plaintext = RandomNumberGenerator.GetBytes(32);
        var old = new GrainState<SubscriptionState>(new SubscriptionState
        {
            Entry = new SubscriptionEntry(id, new SubscriptionDefinition(receiver.Url.ToString(), [], [], [], null, new SubscriptionOwner("test", "admin")), true, DateTimeOffset.UtcNow),
            PlaintextSecret = plaintext,
        });
        await Storage.WriteStateAsync("webhook", GrainId.Create("webhookdispatcher", id), old);

        var subscription = _cluster.Client.GetGrain<ISubscriptionGrain>(id);
        Assert.NotNull(await subscription.Get());

        var stored = await StoredSubscription(id);
        Assert.Null(stored.PlaintextSecret);
        var secrets = Assert.IsType<StoredSecrets>(stored.Secrets);
        Assert.False(secrets.Current.AsSpan().IndexOf(plaintext) >= 0, "the stored form holds the plain text");
        Assert.Equal(plaintext, Protector.Unprotect(id, secrets.Current));

        var e = TestEvents.StatusChanged("MIG-1", 0);
        await subscription.Enqueue([e]);
        var delivery = (await Eventually.Until(() => Task.FromResult(receiver.Posts), s => s.Count >= 1, "a delivery"))[0];
        Assert.Equal(e.Id, delivery.Id);
        Assert.True(delivery.IsSignedWith(WebhookSecret.Format(plaintext)), "signed with the migrated secret");
        Assert.Single(delivery.Headers["webhook-signature"].Split(' '));
    }

    [Fact]
    public async Task PreviousSecretUndecryptable_CurrentAloneSigns()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = 204;
        var id = "sub_" + Guid.NewGuid().ToString("N")[..24];
        var current = RandomNumberGenerator.GetBytes(32);
        var stored = new GrainState<SubscriptionState>(new SubscriptionState
        {
            Entry = new SubscriptionEntry(id, new SubscriptionDefinition(receiver.Url.ToString(), [], [], [], null, new SubscriptionOwner("test", "admin")), true, DateTimeOffset.UtcNow),
            // The previous secret protected with a key this ring never had, as after a restore without it.
            Secrets = new StoredSecrets { Current = Protector.Protect(id, current), Previous = RandomNumberGenerator.GetBytes(100), PreviousExpiresAt = DateTimeOffset.UtcNow.AddHours(1) },
        });
        await Storage.WriteStateAsync("webhook", GrainId.Create("webhookdispatcher", id), stored);

        await _cluster.Client.GetGrain<ISubscriptionGrain>(id).Enqueue([TestEvents.StatusChanged("UNR-1", 0)]);

        var delivery = (await Eventually.Until(() => Task.FromResult(receiver.Posts), s => s.Count >= 1, "a delivery"))[0];
        Assert.True(delivery.IsSignedWith(WebhookSecret.Format(current)), "signed with the stored secret");
        Assert.Single(delivery.Headers["webhook-signature"].Split(' '));
    }

    [Fact]
    public void StoredSecret_AnotherSubscriptionsCopy_DoesNotDecrypt()
    {
        var secret = RandomNumberGenerator.GetBytes(32);

        var stored = Protector.Protect("sub_a", secret);

        Assert.Equal(secret, Protector.Unprotect("sub_a", stored));
        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect("sub_b", stored));
    }

    private IGrainStorage Storage => _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    private WebhookSecretProtector Protector => _cluster.Silos[0].ServiceProvider.GetRequiredService<WebhookSecretProtector>();

    private async Task<SubscriptionState> StoredSubscription(string id)
    {
        var state = new GrainState<SubscriptionState>();
        await Storage.ReadStateAsync("webhook", GrainId.Create("webhookdispatcher", id), state);
        return state.State ?? new SubscriptionState();
    }
}
