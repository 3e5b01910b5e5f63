using System.Net;
using System.Net.Http.Json;
using System.Text;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary><c>POST /api/subscriptions/{id}/secret/rotate</c>: who may rotate, and what a request may ask.</summary>
public sealed class SecretRotationApiTests(SiloFixture fixture)
{
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _acme = fixture.Silo.Client(RunningSilo.AcmeKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_GetsANewSecretOnce_AndTheDefaultOverlap()
    {
        var (id, first) = await Subscriptions.Create(_acme, new { url = "http://127.0.0.1:9/hooks", trackingNumbers = new[] { CloudEvents.NewId("WRAPI") } });
        var before = DateTimeOffset.UtcNow;

        using var response = await _acme.PostAsync($"/api/subscriptions/{id}/secret/rotate", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Json();
        var secret = json.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEqual(first, secret);
        Assert.InRange(json.GetProperty("previousSecretExpiresAt").GetDateTimeOffset(), before.AddHours(24), DateTimeOffset.UtcNow.AddHours(24));
        var read = await (await _acme.GetAsync($"/api/subscriptions/{id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(secret["whsec_".Length..], read, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OthersSubscription_UnknownOrMalformedId_NoKey_Refused()
    {
        var (id, _) = await Subscriptions.Create(_acme, new { url = "http://127.0.0.1:9/hooks", trackingNumbers = new[] { CloudEvents.NewId("WRAPI") } });

        Assert.Equal(HttpStatusCode.NotFound, (await _carrier.PostAsync($"/api/subscriptions/{id}/secret/rotate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync("/api/subscriptions/sub_000000000000000000000000/secret/rotate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostAsync("/api/subscriptions/bad%20id/secret/rotate", null, Ct)).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = fixture.Silo.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/subscriptions/{id}/secret/rotate", null, Ct)).StatusCode);
    }

    public static TheoryData<string, string, int> BadBodies => new()
    {
        { "application/json", """{"overlapSeconds":-1}""", 400 },
        { "application/json", """{"overlapSeconds":86401}""", 400 },
        { "application/json", """{"overlapSeconds":"soon"}""", 400 },
        { "application/json", """{"overlapSeconds":1.5}""", 400 },
        { "application/json", "{oops", 400 },
        { "text/plain", "overlapSeconds=60", 415 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_ProblemDetails_SecretUnchanged(string contentType, string body, int status)
    {
        var (id, _) = await Subscriptions.Create(_acme, new { url = "http://127.0.0.1:9/hooks", trackingNumbers = new[] { CloudEvents.NewId("WRAPI") } });

        using var response = await _acme.PostAsync($"/api/subscriptions/{id}/secret/rotate", new StringContent(body, Encoding.UTF8, contentType), Ct);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False((await Subscriptions.Get(_acme, id)).TryGetProperty("previousSecretExpiresAt", out _));
    }

    [Fact]
    public async Task ZeroOverlap_OldSecretStopsAtOnce()
    {
        var (id, _) = await Subscriptions.Create(_acme, new { url = "http://127.0.0.1:9/hooks", trackingNumbers = new[] { CloudEvents.NewId("WRAPI") } });
        var before = DateTimeOffset.UtcNow;

        using var response = await _acme.PostAsJsonAsync($"/api/subscriptions/{id}/secret/rotate", new { overlapSeconds = 0 }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange((await response.Json()).GetProperty("previousSecretExpiresAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow);
        Assert.False((await Subscriptions.Get(_acme, id)).TryGetProperty("previousSecretExpiresAt", out _));
    }
}
