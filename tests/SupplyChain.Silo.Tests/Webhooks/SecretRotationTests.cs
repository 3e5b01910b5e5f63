using System.Net;
using System.Net.Http.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary>
/// Secret rotation end to end: a real receiver on loopback checks every delivery's signatures as a
/// subscriber would (<see cref="StandardWebhooksVerifier"/>). Each test runs its own silo whose
/// webhook clock the test moves, so the end of an overlap is reached at once, not waited for.
/// </summary>
public sealed class SecretRotationTests
{
    private static readonly string[] StatusChanges = ["SupplyChain.ShipmentStatusChanged"];

    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotate_BothSignaturesDuringTheOverlap_OnlyTheNewAfterIt()
    {
        await using var silo = await WebhookSilo.StartAsync();
        var carrier = silo.Client(RunningSilo.CarrierKey);
        await using var receiver = await LoopbackReceiver.StartAsync(silo.Clock);
        var tn = NewId("WROT");
        var t = Now.AddHours(-3);
        // One delivery per scan: the signatures are the subject here, not the events a scan raises.
        var (id, first) = await Subscriptions.Create(carrier, new { url = receiver.Url, trackingNumbers = new[] { tn }, types = StatusChanges });

        await Subscriptions.PostEvents(carrier, Scan(tn, "PickedUp", t));
        var before = await Post(receiver, 1);
        Assert.Single(Entries(before));
        Assert.True(Verify(first, before, silo));

        var rotatedAt = silo.Clock.GetUtcNow();
        var (second, expires) = await Rotate(carrier, id, body: null);
        Assert.NotEqual(first, second);
        Assert.Equal(32, Convert.FromBase64String(second["whsec_".Length..]).Length);
        Assert.Equal(rotatedAt + TimeSpan.FromHours(24), expires);
        Assert.Equal(expires, (await Subscriptions.Get(carrier, id)).GetProperty("previousSecretExpiresAt").GetDateTimeOffset());

        await Subscriptions.PostEvents(carrier, Scan(tn, "OutForDelivery", t.AddMinutes(1)));
        var during = await Post(receiver, 2);
        var entries = Entries(during);
        Assert.Equal(2, entries.Length);
        Assert.True(Verify(second, during with { Headers = WithSignature(during, entries[0]) }, silo), "the first entry is the new secret's");
        Assert.True(Verify(first, during with { Headers = WithSignature(during, entries[1]) }, silo), "the second entry is the old secret's");
        Assert.True(Verify(first, during, silo));
        Assert.True(Verify(second, during, silo));

        // The overlap ends exactly at previousSecretExpiresAt.
        silo.Clock.Advance(expires - silo.Clock.GetUtcNow());
        await Subscriptions.PostEvents(carrier, Scan(tn, "DeliveryAttempted", t.AddMinutes(2)));
        var after = await Post(receiver, 3);
        Assert.Single(Entries(after));
        Assert.True(Verify(second, after, silo));
        Assert.False(Verify(first, after, silo));
        Assert.False((await Subscriptions.Get(carrier, id)).TryGetProperty("previousSecretExpiresAt", out _));
    }

    [Fact]
    public async Task RotateAgainDuringTheOverlap_ReplacesTheOldest_ShorterOverlapAsked()
    {
        await using var silo = await WebhookSilo.StartAsync();
        var carrier = silo.Client(RunningSilo.CarrierKey);
        var admin = silo.Client(RunningSilo.AdminKey);
        await using var receiver = await LoopbackReceiver.StartAsync(silo.Clock);
        var tn = NewId("WROT2");
        // One delivery per scan: the signatures are the subject here, not the events a scan raises.
        var (id, first) = await Subscriptions.Create(carrier, new { url = receiver.Url, trackingNumbers = new[] { tn }, types = StatusChanges });

        var (second, _) = await Rotate(carrier, id, body: null);
        // An admin may rotate a carrier's subscription, as it may manage it otherwise.
        var (third, expires) = await Rotate(admin, id, body: new { overlapSeconds = 600 });
        Assert.Equal(silo.Clock.GetUtcNow() + TimeSpan.FromMinutes(10), expires);

        await Subscriptions.PostEvents(carrier, Scan(tn, "PickedUp", Now.AddHours(-1)));
        var during = await Post(receiver, 1);
        Assert.Equal(2, Entries(during).Length);
        Assert.True(Verify(third, during with { Headers = WithSignature(during, Entries(during)[0]) }, silo));
        Assert.True(Verify(second, during with { Headers = WithSignature(during, Entries(during)[1]) }, silo));
        Assert.False(Verify(first, during, silo));

        silo.Clock.Advance(TimeSpan.FromMinutes(10));
        await Subscriptions.PostEvents(carrier, Scan(tn, "OutForDelivery", Now.AddMinutes(-30)));
        var after = await Post(receiver, 2);
        Assert.Single(Entries(after));
        Assert.True(Verify(third, after, silo));
        Assert.False(Verify(second, after, silo));
    }

    private static async Task<(string Secret, DateTimeOffset PreviousSecretExpiresAt)> Rotate(HttpClient client, string id, object? body)
    {
        using var response = body is null
            ? await client.PostAsync($"/api/subscriptions/{id}/secret/rotate", null, Ct)
            : await client.PostAsJsonAsync($"/api/subscriptions/{id}/secret/rotate", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var json = await response.Json();
        Assert.Equal(id, json.GetProperty("id").GetString());
        return (json.GetProperty("secret").GetString()!, json.GetProperty("previousSecretExpiresAt").GetDateTimeOffset());
    }

    /// <summary>The receiver's <paramref name="count"/>th delivery, once it has come.</summary>
    private static async Task<Received> Post(LoopbackReceiver receiver, int count) =>
        (await Eventually.Until(() => Task.FromResult(receiver.Posts), p => p.Count >= count, $"delivery {count}"))[count - 1];

    private static string[] Entries(Received r) => r.Headers["webhook-signature"].Split(' ');

    private static Dictionary<string, string> WithSignature(Received r, string signature) =>
        new(r.Headers) { ["webhook-signature"] = signature };

    private static bool Verify(string secret, Received r, WebhookSilo silo) =>
        StandardWebhooksVerifier.Verify(secret, r.Headers, r.Body, silo.Clock.GetUtcNow(), Tolerance);
}
