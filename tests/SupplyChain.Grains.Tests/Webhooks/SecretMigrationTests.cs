using System.Security.Cryptography;
using System.Text;
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
        using var receiver = new LoopbackReceiver { Failing = false };
        var id = "sub_" + Guid.NewGuid().ToString("N")[..24];
        var plaintext = RandomNumberGenerator.GetBytes(32);
        var old = new GrainState<WebhookDispatcherState>(new WebhookDispatcherState
        {
            Entry = new SubscriptionEntry(id, new SubscriptionDefinition(receiver.Url.ToString(), [], [], [], null, new SubscriptionOwner("test", "admin")), true, DateTimeOffset.UtcNow),
            PlaintextSecret = plaintext,
        });
        await Storage.WriteStateAsync("webhook", GrainId.Create("webhookdispatcher", id), old);

        var dispatcher = _cluster.Client.GetGrain<IWebhookDispatcherGrain>(id);
        Assert.NotNull(await dispatcher.Get());

        var stored = await StoredDispatcher(id);
        Assert.Null(stored.PlaintextSecret);
        var secrets = Assert.IsType<StoredSecrets>(stored.Secrets);
        Assert.False(secrets.Current.AsSpan().IndexOf(plaintext) >= 0, "the stored form holds the plain text");
        Assert.Equal(plaintext, Protector.Unprotect(id, secrets.Current));

        var e = TestEvents.StatusChanged("MIG-1", 0);
        await dispatcher.Enqueue([e]);
        var delivery = (await Eventually.Until(() => Task.FromResult(receiver.Deliveries), s => s.Count >= 1, "a delivery"))[0];
        Assert.Equal(e.Id, delivery.Id);
        Assert.Equal(Signature(plaintext, delivery), delivery.Signature);
    }

    [Fact]
    public async Task PreviousSecretUndecryptable_CurrentAloneSigns()
    {
        using var receiver = new LoopbackReceiver { Failing = false };
        var id = "sub_" + Guid.NewGuid().ToString("N")[..24];
        var current = RandomNumberGenerator.GetBytes(32);
        var stored = new GrainState<WebhookDispatcherState>(new WebhookDispatcherState
        {
            Entry = new SubscriptionEntry(id, new SubscriptionDefinition(receiver.Url.ToString(), [], [], [], null, new SubscriptionOwner("test", "admin")), true, DateTimeOffset.UtcNow),
            // The previous secret protected with a key this ring never had, as after a restore without it.
            Secrets = new StoredSecrets { Current = Protector.Protect(id, current), Previous = RandomNumberGenerator.GetBytes(100), PreviousExpiresAt = DateTimeOffset.UtcNow.AddHours(1) },
        });
        await Storage.WriteStateAsync("webhook", GrainId.Create("webhookdispatcher", id), stored);

        await _cluster.Client.GetGrain<IWebhookDispatcherGrain>(id).Enqueue([TestEvents.StatusChanged("UNR-1", 0)]);

        var delivery = (await Eventually.Until(() => Task.FromResult(receiver.Deliveries), s => s.Count >= 1, "a delivery"))[0];
        Assert.Equal(Signature(current, delivery), delivery.Signature);
    }

    [Fact]
    public void StoredSecret_AnotherSubscriptionsCopy_DoesNotDecrypt()
    {
        var secret = RandomNumberGenerator.GetBytes(32);

        var stored = Protector.Protect("sub_a", secret);

        Assert.Equal(secret, Protector.Unprotect("sub_a", stored));
        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect("sub_b", stored));
    }

    /// <summary>The one <c>v1,</c> entry <paramref name="secret"/> gives <paramref name="delivery"/>, computed here from the specification.</summary>
    private static string Signature(byte[] secret, SignedRequest delivery) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(secret, (byte[])[.. Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}."), .. delivery.Body]));

    private IGrainStorage Storage => _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    private WebhookSecretProtector Protector => _cluster.Silos[0].ServiceProvider.GetRequiredService<WebhookSecretProtector>();

    private async Task<WebhookDispatcherState> StoredDispatcher(string id)
    {
        var state = new GrainState<WebhookDispatcherState>();
        await Storage.ReadStateAsync("webhook", GrainId.Create("webhookdispatcher", id), state);
        return state.State ?? new WebhookDispatcherState();
    }
}
