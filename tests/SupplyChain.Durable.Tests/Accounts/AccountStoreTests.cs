using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SupplyChain.Durable.Tests.Infrastructure;
using SupplyChain.Silo.Accounts;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Durable.Tests.Accounts;

/// <summary>
/// Accounts and keys in the durable profile's Azure table (on Azurite): shared by the silos of a
/// cluster, kept across a restart, revoked everywhere within the cache time, and stored as hashes only.
/// </summary>
public sealed class AccountStoreTests : IAsyncLifetime
{
    private const string ServiceId = "supplychain";
    private Azurite _azurite = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task KeyIssuedOnOneSilo_WorksOnAnother_RevokedEverywhereWithinCacheTime_SurvivesRestart_NoSecretStored()
    {
        // A short cache keeps the test short; the default is 30 s.
        string[] cache = ["--SupplyChain:Accounts:CacheDuration=00:00:02"];
        await using var first = await SiloProcess.StartAsync("first", _azurite.ConnectionString, "accounts", cache);
        await using var second = await SiloProcess.StartAsync("second", _azurite.ConnectionString, "accounts", cache);
        using var admin = first.Client(SiloProcess.AdminKey);

        using (var created = await admin.PostAsJsonAsync("/api/accounts", new { id = "ops-viewers", displayName = "Ops viewers", role = "viewer" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var kept = await Issue(admin);
        var revoked = await Issue(admin);
        Assert.Equal(HttpStatusCode.OK, await Read(second, kept.Secret));
        Assert.Equal(HttpStatusCode.OK, await Read(second, revoked.Secret));

        using (var revoke = await admin.DeleteAsync($"/api/accounts/ops-viewers/keys/{revoked.KeyId}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Read(first, revoked.Secret));
        await Eventually.Until(() => Read(second, revoked.Secret), s => s == HttpStatusCode.Unauthorized, "the revocation on the second silo", TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, await Read(second, kept.Secret));

        await first.StopAsync();
        await first.StartAsync();
        Assert.Equal(HttpStatusCode.OK, await Read(first, kept.Secret));
        Assert.Equal(HttpStatusCode.Unauthorized, await Read(first, revoked.Secret));
        using (var listed = await first.Client(SiloProcess.AdminKey).GetAsync("/api/accounts/ops-viewers/keys", Ct))
        {
            Assert.Equal(2, (await listed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetArrayLength());
        }

        var rows = new List<TableEntity>();
        await foreach (var row in _azurite.Tables.GetTableClient("Accounts").QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            rows.Add(row);
        }

        var stored = string.Join("\n", rows.SelectMany(r => r.Select(p => p.Value).Select(v => v is byte[] bytes ? Convert.ToBase64String(bytes) : v?.ToString())));
        foreach (var secret in new[] { kept.Secret, revoked.Secret })
        {
            Assert.DoesNotContain(secret.Split('_', 3)[2], stored, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[^20..], stored, StringComparison.Ordinal);
        }

        var keptRow = Assert.Single(rows, r => r.RowKey == $"key|{kept.KeyId}");
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(kept.Secret)), keptRow.GetBinary("Hash"));
        Assert.DoesNotContain("dev-admin", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuingAtOnce_NeverPassesTheActiveLimit()
    {
        var store = new TableAccountStore(_azurite.Tables.GetTableClient("Accounts"), ServiceId);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.AddAccountAsync(new Account("race", "Race", "carrier", ["/carriers/race/"], PositionPrecision.Exact, true, now), Ct));
        Assert.False(await store.AddAccountAsync(new Account("race", "Again", "viewer", [], PositionPrecision.Coarse, false, now), Ct));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
        {
            var (keyId, secret) = KeySecret.New();
            return store.AddKeyAsync(new AccountKey(keyId, "race", KeySecret.Hash(secret), KeySecret.HintOf(keyId, secret), now, null, null), 2, now, Ct);
        }));

        Assert.Equal(2, attempts.Count(a => a == KeyIssue.Issued));
        Assert.Equal(4, attempts.Count(a => a == KeyIssue.TooManyActive));
        var keys = await store.ListKeysAsync("race", Ct);
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.Null(k.ExpiresAt));
        var account = await store.GetAccountAsync("race", Ct);
        Assert.Equal(("Race", PositionPrecision.Exact, true), (account!.DisplayName, account.PublicPositionPrecision, account.RequireTrackingToken));
        Assert.Equal(["/carriers/race/"], account.Sources);
        Assert.Equal(KeyIssue.NoAccount, await store.AddKeyAsync(keys[0] with { KeyId = "0000000000000000", AccountId = "nobody" }, 2, now, Ct));

        // Deleting while others issue: whatever was issued before the mark is revoked with the rest, nothing after it.
        var later = now.AddMinutes(1);
        var racing = Enumerable.Range(0, 3).Select(_ =>
        {
            var (keyId, secret) = KeySecret.New();
            return store.AddKeyAsync(new AccountKey(keyId, "race", KeySecret.Hash(secret), KeySecret.HintOf(keyId, secret), later, null, null), 5, later, Ct);
        }).ToList();
        var deleted = await store.DeleteAccountAsync("race", later, Ct);
        await Task.WhenAll(racing);
        var afterwards = await store.AddKeyAsync(keys[0] with { KeyId = "1111111111111111" }, 5, later, Ct);

        Assert.Equal(later, deleted!.Deleted);
        Assert.Equal(KeyIssue.AccountDeleted, afterwards);
        Assert.Equal(later, (await store.GetAccountAsync("race", Ct))!.Deleted);
        Assert.All(await store.ListKeysAsync("race", Ct), k => Assert.NotNull(k.RevokedAt));
        Assert.Null(await store.DeleteAccountAsync("nobody", later, Ct));
    }

    [Fact]
    public async Task AccountDeletedOnOneSilo_KeysRefusedThereAtOnce_OnAnotherWithinCacheTime_KeptAcrossRestart()
    {
        string[] cache = ["--SupplyChain:Accounts:CacheDuration=00:00:02"];
        await using var first = await SiloProcess.StartAsync("first", _azurite.ConnectionString, "accounts-delete", cache);
        await using var second = await SiloProcess.StartAsync("second", _azurite.ConnectionString, "accounts-delete", cache);
        using var admin = first.Client(SiloProcess.AdminKey);
        using (var created = await admin.PostAsJsonAsync("/api/accounts", new { id = "ops-viewers", displayName = "Ops viewers", role = "viewer" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var keys = new[] { await Issue(admin), await Issue(admin) };
        foreach (var key in keys)
        {
            Assert.Equal(HttpStatusCode.OK, await Read(first, key.Secret));
            Assert.Equal(HttpStatusCode.OK, await Read(second, key.Secret));
        }

        using (var deleted = await admin.DeleteAsync("/api/accounts/ops-viewers", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        foreach (var key in keys)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await Read(first, key.Secret));
            await Eventually.Until(() => Read(second, key.Secret), s => s == HttpStatusCode.Unauthorized, "the deletion on the second silo", TimeSpan.FromSeconds(10));
        }

        await first.StopAsync();
        await first.StartAsync();
        using var restarted = first.Client(SiloProcess.AdminKey);
        Assert.Equal(HttpStatusCode.Unauthorized, await Read(first, keys[0].Secret));
        var account = await restarted.GetFromJsonAsync<JsonElement>("/api/accounts/ops-viewers", Ct);
        Assert.Equal(JsonValueKind.String, account.GetProperty("deleted").ValueKind);
        using var issue = await restarted.PostAsync("/api/accounts/ops-viewers/keys", content: null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, issue.StatusCode);
        using var recreate = await restarted.PostAsJsonAsync("/api/accounts", new { id = "ops-viewers", displayName = "Again", role = "viewer" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, recreate.StatusCode);
    }

    [Fact]
    public async Task StoreUnreachable_IssuedKeyGets503NotUnauthorized()
    {
        await using var silo = await SiloProcess.StartAsync("silo", _azurite.ConnectionString, "accounts-outage", "--SupplyChain:Accounts:CacheDuration=00:00:00");
        using var admin = silo.Client(SiloProcess.AdminKey);
        using (var created = await admin.PostAsJsonAsync("/api/accounts", new { id = "ops-viewers", displayName = "Ops viewers", role = "viewer" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var key = await Issue(admin);
        Assert.Equal(HttpStatusCode.OK, await Read(silo, key.Secret));

        await _azurite.StopAsync();
        using var client = silo.Client(key.Secret);
        using var response = await client.GetAsync("/api/vehicles", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<(string KeyId, string Secret)> Issue(HttpClient admin)
    {
        using var response = await admin.PostAsync("/api/accounts/ops-viewers/keys", content: null, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("keyId").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private static async Task<HttpStatusCode> Read(SiloProcess silo, string key)
    {
        using var client = silo.Client(key);
        using var response = await client.GetAsync("/api/vehicles", Ct);
        return response.StatusCode;
    }
}
