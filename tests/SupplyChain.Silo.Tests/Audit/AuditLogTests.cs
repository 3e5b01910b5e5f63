using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Silo.Tests.Audit.AuditReader;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Audit;

/// <summary>Every write and admin action is an audit record an admin can read; reads are not; no key or secret is kept.</summary>
public sealed class AuditLogTests(SiloFixture fixture)
{
    private static readonly string Square = GeoJson.Box(4.0, 51.8, 4.2, 51.9, name: "Audited port");

    private const string Plan = """
        { "carrierId": "ACME", "origin": {"lat": 51.92, "lon": 4.48},
          "destination": {"lat": 51.43, "lon": 6.76}, "destinationRadiusM": 300,
          "promisedBy": "2026-11-23T17:00:00Z",
          "route": {"type": "LineString", "coordinates": [[4.48, 51.92], [6.76, 51.43]]},
          "corridorWidthM": 1000 }
        """;

    private static readonly string[] DeliveredOnly = ["SupplyChain.Delivered"];
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _acme = fixture.Silo.Client(RunningSilo.AcmeKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private readonly HttpClient _anonymous = fixture.Silo.Client();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShipmentPlan_Put_RecordedWithAccountKeyAndTarget()
    {
        var tn = NewId("AUDPLAN");
        using var put = await _carrier.PutAsync($"/api/shipments/{tn}", Content(Plan, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var record = await OneRecord(_admin, $"target={tn}", "the plan's audit record");

        Assert.Equal("shipment.plan.put", record.Text("action"));
        Assert.Equal(201, record.GetProperty("status").GetInt32());
        Assert.Equal("dev-carrier", record.Text("account"));
        Assert.Equal("cfg-0", record.Text("key"));
        Assert.Equal("carrier", record.Text("role"));
        Assert.Equal("127.0.0.1", record.Text("clientAddress"));
        Assert.False(string.IsNullOrEmpty(record.Text("traceId")));
        Assert.Equal(1, record.GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task Geofence_PutAndDelete_RecordedAsAdminActions()
    {
        var id = NewId("audfence");
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsync($"/api/geofences/{id}", Content(Square, "application/geo+json"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/geofences/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/geofences", Ct)).StatusCode);

        var records = await Until(_admin, $"target={id}", r => r.Length == 2, "the fence's put and delete");

        // Newest first; the read between them is not audited.
        Assert.Equal(["geofence.delete", "geofence.put"], records.Select(r => r.Text("action")));
        Assert.Equal([204, 201], records.Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(records, r => Assert.Equal("ops", r.Text("account")));
        Assert.All(records, r => Assert.Equal("cfg-1", r.Text("key")));
        Assert.All(records, r => Assert.Equal("admin", r.Text("role")));
        Assert.True(string.CompareOrdinal(records[0].Text("id"), records[1].Text("id")) < 0);
    }

    [Fact]
    public async Task Subscription_CreateAndDelete_RecordedWithTheCreatedId_NoSecretKept()
    {
        var tn = NewId("AUDSUB");
        using var created = await _acme.PostAsJsonAsync("/api/subscriptions", new
        {
            url = "http://127.0.0.1:9/hooks", types = DeliveredOnly, trackingNumbers = new[] { tn },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Json();
        var id = body.GetProperty("id").GetString()!;
        var secret = body.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await _acme.DeleteAsync($"/api/subscriptions/{id}", Ct)).StatusCode);

        var records = await Until(_admin, $"target={id}", r => r.Length == 2, "the subscription's create and delete");

        Assert.Equal(["subscription.delete", "subscription.create"], records.Select(r => r.Text("action")));
        Assert.Equal([204, 201], records.Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(records, r => Assert.Equal("Acme test carrier", r.Text("account")));
        Assert.All(records, r => Assert.Equal("cfg-2", r.Text("key")));
        var all = await (await _admin.GetAsync("/api/audit?limit=1000", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], all, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventPosts_CountedPerCallerAndSources_NoBodyKept()
    {
        var source = "/carriers/acme/audit/" + NewId("feed");
        var other = source + "/second";
        var vehicle = NewId("AUDV");
        for (var i = 0; i < 3; i++)
        {
            using var posted = await _acme.PostAsync("/api/events", Batch(
                Ping(vehicle, 51.9, 4.4 + (i * 0.01), Now.AddMinutes(-30 + i), source: source),
                Ping(vehicle, 51.9, 4.405 + (i * 0.01), Now.AddMinutes(-30 + i).AddSeconds(10), source: other)), Ct);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        // Counted over flush intervals, the three requests may span two records; together they hold all.
        var records = await Until(_admin, "action=events.post&account=Acme test carrier&limit=1000",
            r => r.Where(Mine).Sum(x => x.GetProperty("requests").GetInt32()) == 3, "the event posts' records");
        var mine = records.Where(Mine).ToArray();

        Assert.Equal(6, mine.Sum(r => r.GetProperty("events").GetInt64()));
        Assert.All(mine, r => Assert.Equal([source, other], r.GetProperty("sources").EnumerateArray().Select(s => s.GetString())));
        Assert.All(mine, r => Assert.Equal(2, r.GetProperty("sourceCount").GetInt32()));
        Assert.All(mine, r => Assert.Equal(202, r.GetProperty("status").GetInt32()));
        Assert.All(mine, r => Assert.Equal("accepted", r.Text("outcome")));
        Assert.All(mine, r => Assert.Equal("cfg-2", r.Text("key")));
        var all = await (await _admin.GetAsync("/api/audit?limit=1000", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(vehicle, all, StringComparison.Ordinal);
        Assert.DoesNotContain(RunningSilo.AcmeKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain(RunningSilo.AdminKey, all, StringComparison.Ordinal);

        bool Mine(JsonElement r) => r.GetProperty("sources").ValueKind == JsonValueKind.Array
            && r.GetProperty("sources").EnumerateArray().Any(s => s.GetString() == source);
    }

    [Fact]
    public async Task RefusedWrites_RecordedWithTheirStatus()
    {
        var id = NewId("audrefused");
        using var unknownKey = fixture.Silo.Client("no-such-key");
        Assert.Equal(HttpStatusCode.Forbidden, (await _carrier.PutAsync($"/api/geofences/{id}", Content(Square, "application/geo+json"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknownKey.DeleteAsync($"/api/geofences/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.PutAsync($"/api/geofences/{id}", Content(Square, "application/geo+json"), Ct)).StatusCode);

        var records = await Until(_admin, $"target={id}", r => r.Length == 3, "the refused writes");

        var forbidden = Assert.Single(records, r => r.GetProperty("status").GetInt32() == 403);
        Assert.Equal("geofence.put", forbidden.Text("action"));
        Assert.Equal("dev-carrier", forbidden.Text("account"));
        Assert.Equal("carrier", forbidden.Text("role"));
        var unknown = Assert.Single(records, r => r.Text("action") == "geofence.delete");
        Assert.Equal(401, unknown.GetProperty("status").GetInt32());
        Assert.Equal("anonymous", unknown.Text("role"));
        Assert.Null(unknown.Text("account"));
        Assert.Null(unknown.Text("key"));
        Assert.Equal(2, records.Count(r => r.GetProperty("status").GetInt32() == 401));
        var all = await (await _admin.GetAsync($"/api/audit?target={id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("no-such-key", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Audited port", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsNoEndpointTook_RecordedByRouteOrPath()
    {
        var id = NewId("audunrouted");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/geofences/{id}") { Content = Content(Square, "application/geo+json") };
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _admin.SendAsync(patch, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.PostAsync($"/api/no-such-thing/{id}", null, Ct)).StatusCode);

        var notAllowed = await OneRecord(_admin, $"target=/api/geofences/{id}", "the refused method's record");
        var unrouted = await OneRecord(_admin, $"target=/api/no-such-thing/{id}", "the unrouted request's record");

        Assert.Equal("unrouted.patch", notAllowed.Text("action"));
        Assert.Equal(405, notAllowed.GetProperty("status").GetInt32());
        Assert.Equal("unrouted.post", unrouted.Text("action"));
        Assert.Equal(404, unrouted.GetProperty("status").GetInt32());
        Assert.Equal("anonymous", unrouted.Text("role"));
    }

    [Fact]
    public async Task Listing_FiltersAndPages_NewestFirst()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var prefix = NewId("audpage");
        var ids = Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}").ToArray();
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsync($"/api/geofences/{id}", Content(Square, "application/geo+json"), Ct)).StatusCode);
        }

        var from = Uri.EscapeDataString(before.ToString("O", CultureInfo.InvariantCulture));
        await Until(_admin, $"target={ids[^1]}", r => r.Length == 1, "the last fence's record");

        // Other tests write fences at the same time: page through all of them and pick ours.
        var seen = new List<JsonElement>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var (records, next) = await Page(_admin, $"action=geofence.put&from={from}&limit=2"
                + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
            Assert.True(records.Length <= 2);
            Assert.True(next is null || records.Length == 2);
            seen.AddRange(records);
            continuation = next;
            pages++;
        }
        while (continuation is not null && pages < 1000);

        Assert.Null(continuation);
        Assert.All(seen, r => Assert.Equal("geofence.put", r.Text("action")));
        Assert.All(seen, r => Assert.True(r.GetProperty("at").GetDateTimeOffset() >= before));
        Assert.Equal(seen.Count, seen.Select(r => r.Text("id")).Distinct().Count());
        Assert.Equal(seen.Select(r => r.Text("id")).Order(StringComparer.Ordinal), seen.Select(r => r.Text("id")));
        Assert.Equal(ids.Reverse(), seen.Select(r => r.Text("target")).Where(t => t!.StartsWith(prefix, StringComparison.Ordinal)));

        var until = Uri.EscapeDataString(before.ToString("O", CultureInfo.InvariantCulture));
        Assert.DoesNotContain((await Page(_admin, $"action=geofence.put&to={until}&limit=1000")).Records, r => r.Text("target")!.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Empty((await Page(_admin, $"target={ids[0]}&account=dev-carrier")).Records);
        Assert.Single((await Page(_admin, $"target={ids[0]}&account=ops")).Records);
    }

    [Fact]
    public async Task Listing_NotAnAdmin_Refused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _carrier.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/api/audit", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-12-03T17:00:00", "from")]
    [InlineData("to=2026-13-03T17:00:00Z", "to")]
    [InlineData("from=2026-12-03T18:00:00Z&to=2026-12-03T17:00:00Z", "from")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("continuation=abc", "continuation")]
    [InlineData("continuation=9999999999999999999-0123456789abcdef", "continuation")]
    [InlineData("account=a&account=b", "account")]
    [InlineData("acount=ops", "acount")]
    public async Task Listing_BadFilter_400NamingTheParameter(string query, string parameter)
    {
        using var response = await _admin.GetAsync("/api/audit?" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_LongFilter_400()
    {
        using var response = await _admin.GetAsync("/api/audit?target=" + new string('x', 5000), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("target", (await response.Json()).GetProperty("parameter").GetString());
    }
}
