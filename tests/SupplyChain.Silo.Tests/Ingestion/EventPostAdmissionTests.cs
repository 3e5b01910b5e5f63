using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Silo.Tests.Security.AccountClient;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Ingestion;

/// <summary>
/// <c>POST /api/events</c> is admitted by a door of its own (EventPostAdmission, which skips
/// ASP.NET Core's authentication, rate limiting and authorization middleware for its cost): every
/// caller it refuses gets the answer the same policy gives on another route (a shipment's plan,
/// carrier or admin, like events), so the two doors cannot drift apart.
/// </summary>
public sealed class EventPostAdmissionTests(SiloFixture fixture)
{
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Callers => ["no key", "unknown key", "unknown issued key", "revoked key", "viewer", "metrics scraper"];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task RefusedCaller_SameAnswerAsThePlanRoute(string caller)
    {
        using var client = await ClientOf(caller);
        var trackingNumber = NewId("ADM");

        using var events = await client.PostAsync("/api/events", Structured(Scan(trackingNumber, "PickedUp")), Ct);
        using var plan = await client.PutAsJsonAsync($"/api/shipments/{trackingNumber}", new { destination = new { lat = 52.0, lon = 4.4 } }, Ct);

        Assert.True(events.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{caller}: events answered {events.StatusCode}");
        Assert.Equal(plan.StatusCode, events.StatusCode);
        Assert.Equal("application/problem+json", events.Content.Headers.ContentType?.MediaType);
        var (eventsProblem, planProblem) = (await Problem(events), await Problem(plan));
        Assert.Equal(Member(planProblem, "title"), Member(eventsProblem, "title"));
        Assert.Equal(Member(planProblem, "detail"), Member(eventsProblem, "detail"));
        Assert.Equal(Member(planProblem, "type"), Member(eventsProblem, "type"));
    }

    [Fact]
    public async Task CarrierAndAdmin_Admitted()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var secret = await KeyForNewAccountAsync(_admin, "carrier", "/carriers/admitted/");
        using var issued = fixture.Silo.Client(secret);

        Assert.Equal(HttpStatusCode.Accepted, (await carrier.PostAsync("/api/events", Structured(Scan(NewId("ADC"), "PickedUp")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _admin.PostAsync("/api/events", Structured(Scan(NewId("ADA"), "PickedUp")), Ct)).StatusCode);
        using var accepted = await issued.PostAsync("/api/events", Structured(Scan(NewId("ADI"), "PickedUp", source: "/carriers/admitted/s1")), Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(1000)]
    public async Task Accepted_AnsweredAsJsonWithItsLength(int events)
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var truck = NewId("ADL");
        var t0 = Now.AddHours(-2);

        using var accepted = await carrier.PostAsync(
            "/api/events", Batch([.. Enumerable.Range(0, events).Select(i => (JsonNode)Ping(truck, 51.9, 4.4, t0.AddSeconds(i)))]), Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("application/json", accepted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", accepted.Content.Headers.ContentType?.CharSet);
        var body = await accepted.Content.ReadAsStringAsync(Ct);
        Assert.Equal($"{{\"accepted\":{events}}}", body);
        Assert.Equal(body.Length, accepted.Content.Headers.ContentLength);
        Assert.Null(accepted.Headers.TransferEncodingChunked);
    }

    private async Task<HttpClient> ClientOf(string caller)
    {
        switch (caller)
        {
            case "no key":
                return fixture.Silo.Client();
            case "unknown key":
                return fixture.Silo.Client("not-a-key-of-this-silo");
            case "unknown issued key":
                return fixture.Silo.Client("sck_0123456789abcdef_" + new string('x', 43));
            case "revoked key":
            {
                var id = NewAccountId("rvk");
                await CreateAsync(_admin, id, "carrier", "/carriers/revoked/");
                var key = await IssueAsync(_admin, id);
                Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/accounts/{id}/keys/{key.GetProperty("keyId").GetString()}", Ct)).StatusCode);
                return fixture.Silo.Client(key.GetProperty("secret").GetString());
            }

            case "viewer":
                return fixture.Silo.Client(await KeyForNewAccountAsync(_admin, "viewer"));
            case "metrics scraper":
            {
                var client = fixture.Silo.Client();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await KeyForNewAccountAsync(_admin, "metrics"));
                return client;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, null);
        }
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private static string? Member(JsonElement problem, string name) => problem.TryGetProperty(name, out var value) ? value.GetString() : null;
}
