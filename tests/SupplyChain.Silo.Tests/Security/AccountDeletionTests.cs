using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Silo.Tests.Audit.AuditReader;
using static SupplyChain.Testing.CloudEvents;
using static SupplyChain.Silo.Tests.Security.AccountClient;

namespace SupplyChain.Silo.Tests.Security;

/// <summary><c>DELETE /api/accounts/{id}</c> on the shared embedded silo: keys revoked at once, the id kept, what it owns kept.</summary>
public sealed class AccountDeletionTests(SiloFixture fixture)
{
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_EveryKeyRefusedAtOnceOnThisSilo_ShownDeleted_NoNewKeys_Audited()
    {
        var id = NewAccountId("del");
        await CreateAsync(_admin, id, "carrier", $"/carriers/{id}/");
        var first = await IssueAsync(_admin, id);
        var second = await IssueAsync(_admin, id);
        using var one = fixture.Silo.Client(first.GetProperty("secret").GetString());
        using var two = fixture.Silo.Client(second.GetProperty("secret").GetString());
        // Both keys work, so both are in this silo's key cache when the account goes.
        Assert.Equal(HttpStatusCode.Accepted, (await Post(one, id)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Post(two, id)).StatusCode);

        using var deleted = await _admin.DeleteAsync($"/api/accounts/{id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        foreach (var key in new[] { one, two })
        {
            using var refused = await Post(key, id);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("revoked", (await refused.Json()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var account = await _admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}", Ct);
        Assert.Equal(JsonValueKind.String, account.GetProperty("deleted").ValueKind);
        var listed = Assert.Single((await _admin.GetFromJsonAsync<JsonElement>("/api/accounts", Ct)).EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        Assert.Equal(account.GetProperty("deleted").GetString(), listed.GetProperty("deleted").GetString());
        var keys = await _admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}/keys", Ct);
        Assert.Equal(2, keys.GetArrayLength());
        Assert.All(keys.EnumerateArray(), k => Assert.False(k.GetProperty("active").GetBoolean()));
        Assert.All(keys.EnumerateArray(), k => Assert.Equal(JsonValueKind.String, k.GetProperty("revokedAt").ValueKind));

        using var issue = await IssueResponseAsync(_admin, id);
        Assert.Equal(HttpStatusCode.Conflict, issue.StatusCode);
        Assert.Equal("Account deleted", (await issue.Json()).GetProperty("title").GetString());
        using var patch = await _admin.PatchAsJsonAsync($"/api/accounts/{id}", new { displayName = "Back again" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, patch.StatusCode);
        using var again = await _admin.DeleteAsync($"/api/accounts/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(account.GetProperty("deleted").GetString(),
            (await _admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}", Ct)).GetProperty("deleted").GetString());

        var records = await Until(_admin, $"target={id}&action=account.delete", r => r.Length == 2, "the deletions' audit records");
        Assert.All(records, r => Assert.Equal(204, r.GetProperty("status").GetInt32()));
        Assert.All(records, r => Assert.Equal("ops", r.Text("account")));
        Assert.All(records, r => Assert.Equal("cfg-1", r.Text("key")));
    }

    [Fact]
    public async Task Recreate_DeletedId_409NamingTheDeletion()
    {
        var id = NewAccountId("redo");
        await CreateAsync(_admin, id, "viewer");
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/accounts/{id}", Ct)).StatusCode);

        using var recreated = await _admin.PostAsJsonAsync("/api/accounts", new { id, displayName = "Same id", role = "viewer" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, recreated.StatusCode);
        var problem = await recreated.Json();
        Assert.Equal("Account id taken by a deleted account", problem.GetProperty("title").GetString());
        Assert.Contains("never given to another account", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ShipmentsAndVehiclesKeepTheirOwner_AnAdminTransfersThem()
    {
        var id = NewAccountId("own");
        await CreateAsync(_admin, id, "carrier", $"/carriers/{id}/");
        using var carrier = fixture.Silo.Client((await IssueAsync(_admin, id)).GetProperty("secret").GetString());
        var tn = NewId("DELTN");
        var truck = NewId("DELTR");
        using (var posted = await carrier.PostAsync("/api/events", Batch(
            Scan(tn, "PickedUp", source: $"/carriers/{id}/scanners/1"), Ping(truck, 51.9, 4.4, source: $"/carriers/{id}/gps")), Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/accounts/{id}", Ct)).StatusCode);

        Assert.Equal(id, await Owner($"/api/shipments/{tn}/owner"));
        Assert.Equal(id, await Owner($"/api/vehicles/{truck}/owner"));
        using var transfer = await _admin.PutAsJsonAsync($"/api/vehicles/{truck}/owner", new { account = "dev-carrier" }, Ct);
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Equal("dev-carrier", await Owner($"/api/vehicles/{truck}/owner"));
    }

    [Fact]
    public async Task Delete_BootstrapAdminAccount_409NamingWhy_AndItsKeyKeepsWorking()
    {
        using var response = await _admin.DeleteAsync("/api/accounts/ops", Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Json();
        Assert.Equal("Configured account", problem.GetProperty("title").GetString());
        Assert.Contains("bootstrap", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("SupplyChain:Auth:ApiKeys", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/accounts", Ct)).StatusCode);
    }

    [Fact]
    public async Task Delete_ByAStranger_Refused_AndTheAccountStays()
    {
        var id = NewAccountId("keep");
        await CreateAsync(_admin, id, "carrier", $"/carriers/{id}/");
        using var own = fixture.Silo.Client((await IssueAsync(_admin, id)).GetProperty("secret").GetString());
        using var viewer = fixture.Silo.Client(await KeyForNewAccountAsync(_admin, "viewer"));
        using var otherCarrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        using var anonymous = fixture.Silo.Client();

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/accounts/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherCarrier.DeleteAsync($"/api/accounts/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.DeleteAsync($"/api/accounts/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/accounts/{id}", Ct)).StatusCode);

        Assert.Equal(JsonValueKind.Null, (await _admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}", Ct)).GetProperty("deleted").ValueKind);
        Assert.Equal(HttpStatusCode.Accepted, (await Post(own, id)).StatusCode);
    }

    [Theory]
    [InlineData("/api/accounts/no-such-account", HttpStatusCode.NotFound)]
    [InlineData("/api/accounts/bad%20id", HttpStatusCode.BadRequest)]
    public async Task Delete_UnknownOrMalformed_Problem(string path, HttpStatusCode expected)
    {
        using var response = await _admin.DeleteAsync(path, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static Task<HttpResponseMessage> Post(HttpClient key, string account) =>
        key.PostAsync("/api/events", Structured(Ping(NewId("DELV"), 51.9, 4.4, source: $"/carriers/{account}/gps")), Ct);

    private async Task<string?> Owner(string path)
    {
        using var response = await Eventually.Until(() => _admin.GetAsync(path, Ct), r => r.StatusCode == HttpStatusCode.OK, $"the owner at {path}");
        return (await response.Json()).GetProperty("account").GetString();
    }
}
