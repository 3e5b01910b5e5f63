using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Silo.Accounts;
using SupplyChain.Silo.Shipments;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;
using static SupplyChain.Silo.Tests.Security.AccountClient;

namespace SupplyChain.Silo.Tests.Security;

/// <summary>Accounts and issued keys on the shared embedded silo, through its HTTP API, as an admin and its carriers use them.</summary>
public sealed class AccountsApiTests(SiloFixture fixture)
{
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssuedKey_PostsEventsForItsSourcesOnly()
    {
        var id = NewAccountId("ka");
        var account = await CreateAsync(_admin, id, "carrier", $"/carriers/{id}/");
        Assert.Equal("carrier", account.GetProperty("role").GetString());
        Assert.Equal("Coarse", account.GetProperty("publicPositionPrecision").GetString());
        Assert.False(account.GetProperty("requireTrackingToken").GetBoolean());

        var issued = await IssueAsync(_admin, id);
        var secret = issued.GetProperty("secret").GetString()!;
        var keyId = issued.GetProperty("keyId").GetString()!;
        Assert.StartsWith($"sck_{keyId}_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length > 40);
        Assert.True(issued.GetProperty("created").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.Equal(JsonValueKind.Null, issued.GetProperty("expiresAt").ValueKind);

        using var carrier = fixture.Silo.Client(secret);
        var own = await carrier.PostAsync("/api/events", Structured(Scan(NewId("KAS"), "PickedUp", source: $"/carriers/{id}/scanners/1")), Ct);
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        var other = await carrier.PostAsync("/api/events", Structured(Scan(NewId("KAO"), "PickedUp", source: "/carriers/acme/scanners/1")), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var tampered = fixture.Silo.Client(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.PostAsync("/api/events", Structured(Scan(NewId("KAT"), "PickedUp", source: $"/carriers/{id}/x")), Ct)).StatusCode);
    }

    [Fact]
    public async Task Rotation_TwoKeysWork_ThirdRefused_RevokedKeyRefusedAtOnce_OtherStillWorks()
    {
        var id = NewAccountId("rot");
        await CreateAsync(_admin, id, "carrier", $"/carriers/{id}/");
        var first = await IssueAsync(_admin, id);
        var second = await IssueAsync(_admin, id);
        using var firstClient = fixture.Silo.Client(first.GetProperty("secret").GetString());
        using var secondClient = fixture.Silo.Client(second.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await PostOwnScan(firstClient, id)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostOwnScan(secondClient, id)).StatusCode);

        using (var third = await IssueResponseAsync(_admin, id))
        {
            Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
            Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        }

        var revoke = await _admin.DeleteAsync($"/api/accounts/{id}/keys/{first.GetProperty("keyId").GetString()}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var refused = await PostOwnScan(firstClient, id);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await PostOwnScan(secondClient, id)).StatusCode);
        var replacement = await IssueAsync(_admin, id);
        using var replacementClient = fixture.Silo.Client(replacement.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await PostOwnScan(replacementClient, id)).StatusCode);

        var keys = await _admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}/keys", Ct);
        Assert.Equal([false, true, true], keys.EnumerateArray().Select(k => k.GetProperty("active").GetBoolean()));
        Assert.NotEqual(JsonValueKind.Null, keys[0].GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task ExpiredKey_Unauthorized()
    {
        var id = NewAccountId("exp");
        await CreateAsync(_admin, id, "carrier", $"/carriers/{id}/");
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var issued = await IssueAsync(_admin, id, expiresAt);
        Assert.Equal(expiresAt, issued.GetProperty("expiresAt").GetDateTimeOffset());
        using var carrier = fixture.Silo.Client(issued.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await PostOwnScan(carrier, id)).StatusCode);

        var refused = await Eventually.Until(() => PostOwnScan(carrier, id), r => r.StatusCode == HttpStatusCode.Unauthorized, "the key's expiry");

        Assert.True(DateTimeOffset.UtcNow >= expiresAt);
        Assert.Contains("expired", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var keys = await _admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}/keys", Ct);
        Assert.False(keys[0].GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Reads_NeverShowTheSecret_OnlyItsHint()
    {
        var id = NewAccountId("hid");
        await CreateAsync(_admin, id, "carrier", $"/carriers/{id}/");
        var issued = await IssueAsync(_admin, id);
        var secret = issued.GetProperty("secret").GetString()!;
        // The random part may hold '_' itself: it is what follows the prefix and the key id.
        var secretPart = secret.Split('_', 3)[2];

        var keys = await _admin.GetStringAsync($"/api/accounts/{id}/keys", Ct);
        var account = await _admin.GetStringAsync($"/api/accounts/{id}", Ct);
        var all = await _admin.GetStringAsync("/api/accounts", Ct);

        foreach (var body in new[] { keys, account, all })
        {
            Assert.DoesNotContain(secretPart, body, StringComparison.Ordinal);
            Assert.DoesNotContain(secretPart[..12], body, StringComparison.Ordinal);
        }

        var listed = JsonDocument.Parse(keys).RootElement[0];
        Assert.Equal(issued.GetProperty("keyId").GetString(), listed.GetProperty("keyId").GetString());
        Assert.EndsWith(secret[^4..], listed.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.Contains(id, all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "POST", "/api/accounts", HttpStatusCode.Unauthorized)]
    [InlineData(RunningSilo.CarrierKey, "POST", "/api/accounts", HttpStatusCode.Forbidden)]
    [InlineData(RunningSilo.CarrierKey, "GET", "/api/accounts", HttpStatusCode.Forbidden)]
    [InlineData(RunningSilo.CarrierKey, "GET", "/api/accounts/ops/keys", HttpStatusCode.Forbidden)]
    [InlineData(RunningSilo.CarrierKey, "POST", "/api/accounts/ops/keys", HttpStatusCode.Forbidden)]
    [InlineData(RunningSilo.AcmeKey, "DELETE", "/api/accounts/ops/keys/0123456789abcdef", HttpStatusCode.Forbidden)]
    [InlineData(RunningSilo.AcmeKey, "PATCH", "/api/accounts/ops", HttpStatusCode.Forbidden)]
    public async Task AdminApi_WithoutAdminKey_Refused(string? key, string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };

        using var response = await fixture.Silo.Client(key).SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Viewer_ReadsWhatOpsReads_WritesForbidden()
    {
        using var viewer = fixture.Silo.Client(await KeyForNewAccountAsync(_admin, "viewer"));

        foreach (var path in new[] { "/api/vehicles", "/api/ops/map?bbox=-10,36,30,60&zoom=5", "/api/geofences", "/api/deadletters", "/api/accounts", "/api/subscriptions" })
        {
            using var read = await viewer.GetAsync(path, Ct);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"GET {path} answered {read.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/vehicles/{NewId("VWV")}", Ct)).StatusCode);

        using (var feed = await viewer.GetAsync("/api/ops/live", HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            Assert.Equal("text/event-stream", feed.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/accounts/ops/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsync($"/api/geofences/{NewId("VWF")}", JsonContent.Create(new { }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/events", Structured(Scan(NewId("VWE"), "PickedUp")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/accounts", new { id = NewAccountId("vw"), displayName = "x", role = "admin" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/deadletters/0123456789abcdef0123456789abcdef/redrive", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/subscriptions", new { url = "http://127.0.0.1:9/hooks" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync("/api/subscriptions/sub_0123456789abcdef01234567", Ct)).StatusCode);
    }

    [Fact]
    public async Task MetricsKey_ScrapesMetrics_ForbiddenElsewhere()
    {
        var secret = await KeyForNewAccountAsync(_admin, "metrics");
        using var scraper = fixture.Silo.Client();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using (var scrape = await scraper.GetAsync("/metrics", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Contains("http_server_request_duration_seconds", await scrape.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await scraper.GetAsync("/api/vehicles", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scraper.GetAsync("/api/accounts", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scraper.GetAsync("/api/deadletters", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scraper.PostAsync("/api/events", Structured(Scan(NewId("MTE"), "PickedUp")), Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"ok-{n}","displayName":"A","role":"owner"}""", "role")]
    [InlineData("""{"id":"-bad id","displayName":"A","role":"carrier"}""", "id")]
    [InlineData("""{"displayName":"A","role":"carrier"}""", "id")]
    [InlineData("""{"id":"ok-{n}","role":"carrier"}""", "displayName")]
    [InlineData("""{"id":"ok-{n}","displayName":"{long}","role":"carrier"}""", "displayName")]
    [InlineData("""{"id":"ok-{n}","displayName":"A","role":"viewer","sources":["/carriers/x/"]}""", "sources")]
    [InlineData("""{"id":"ok-{n}","displayName":"A","role":"carrier","sources":["/carriers/../other"]}""", "sources")]
    public async Task Create_BadField_ProblemNamesIt(string body, string field)
    {
        body = body.Replace("{n}", Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal).Replace("{long}", new string('n', 101), StringComparison.Ordinal);

        using var response = await _admin.PostAsync("/api/accounts", Content(body, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await ProblemFieldsAsync(response));
    }

    [Theory]
    [InlineData("""{"id":"ok-{n}","displayName":"A","role":"carrier","secret":"x"}""", "secret")]
    [InlineData("""{"id":"ok-{n}","displayName":"A","role":"carrier","publicPositionPrecision":"Street"}""", "publicPositionPrecision")]
    [InlineData("""{"id":"ok-{n}","displayName":"A","role":"carrier","requireTrackingToken":"yes"}""", "requireTrackingToken")]
    public async Task Create_UnreadableMember_ProblemNamesIt(string body, string member)
    {
        body = body.Replace("{n}", Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal);

        using var response = await _admin.PostAsync("/api/accounts", Content(body, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(member, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Duplicate_Conflict()
    {
        var id = NewAccountId("dup");
        await CreateAsync(_admin, id, "viewer");

        using var again = await _admin.PostAsJsonAsync("/api/accounts", new { id, displayName = "Again", role = "carrier" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(id, await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("viewer", (await _admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}", Ct)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Create_OversizedBody_TooLarge()
    {
        var body = $$"""{"id":"{{NewAccountId("big")}}","displayName":"A","role":"carrier","sources":["/carriers/{{new string('x', AccountsApi.MaxBodyBytes)}}"]}""";

        using var response = await _admin.PostAsync("/api/accounts", Content(body, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Issue_ExpiryInThePastOrTooFar_ProblemNamesIt()
    {
        var id = NewAccountId("past");
        await CreateAsync(_admin, id, "carrier");

        foreach (var expiry in new[] { DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddYears(10) })
        {
            using var response = await IssueResponseAsync(_admin, id, expiry);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(["expiresAt"], await ProblemFieldsAsync(response));
        }

        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}/keys", Ct)).GetArrayLength());
    }

    [Theory]
    [InlineData("GET", "/api/accounts/no-such-account", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/accounts/no-such-account/keys", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/accounts/bad%20id", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/api/accounts/ops/keys/not-a-key-id", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/api/accounts/no-such-account/keys/0123456789abcdef", HttpStatusCode.NotFound)]
    public async Task Routes_UnknownOrMalformed_Problem(string method, string path, HttpStatusCode expected)
    {
        using var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Update_ChangesSettings_DirectoryShowsThemAtOnce_RoleRefused()
    {
        var id = NewAccountId("upd");
        await CreateAsync(_admin, id, "carrier", "/carriers/a/");
        var directory = fixture.Silo.App.Services.GetRequiredService<IAccountDirectory>();
        Assert.Equal(PositionPrecision.Coarse, (await directory.FindAsync(id, Ct))!.PublicPositionPrecision);

        using var patched = await _admin.PatchAsJsonAsync(
            $"/api/accounts/{id}", new { publicPositionPrecision = "Hidden", requireTrackingToken = true, sources = (string[])["/carriers/b/"] }, Ct);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var account = await directory.FindAsync(id, Ct);
        Assert.Equal(PositionPrecision.Hidden, account!.PublicPositionPrecision);
        Assert.True(account.RequireTrackingToken);
        Assert.Equal(["/carriers/b/"], account.Sources);
        Assert.StartsWith("Test carrier", account.DisplayName, StringComparison.Ordinal);

        using var role = await _admin.PatchAsJsonAsync($"/api/accounts/{id}", new { role = "admin" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, role.StatusCode);
        Assert.Equal(["role"], await ProblemFieldsAsync(role));
        Assert.Equal("carrier", (await directory.FindAsync(id, Ct))!.Role);
    }

    private static Task<HttpResponseMessage> PostOwnScan(HttpClient client, string accountId) =>
        client.PostAsync("/api/events", Structured(Scan(NewId("OWN"), "PickedUp", source: $"/carriers/{accountId}/scanners/1")), Ct);
}
