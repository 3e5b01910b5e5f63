using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Webhooks;

public sealed class SubscriptionsApiTests(SiloFixture fixture)
{
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _acme = fixture.Silo.Client(RunningSilo.AcmeKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] DeliveredOnly = ["SupplyChain.Delivered"];

    [Fact]
    public async Task Create_Get_List_Delete_SecretShownOnlyOnCreation()
    {
        var tn = NewId("WAPI");
        var response = await _acme.PostAsJsonAsync("/api/subscriptions", new
        {
            url = "http://127.0.0.1:9/hooks", types = DeliveredOnly, trackingNumbers = new[] { tn }, description = "acme ops",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Json();
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/subscriptions/{id}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(created.GetProperty("secret").GetString()!["whsec_".Length..]).Length);

        var one = await _acme.GetAsync($"/api/subscriptions/{id}", Ct);
        var body = await one.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        var read = await one.Json();
        Assert.Equal("http://127.0.0.1:9/hooks", read.GetProperty("url").GetString());
        Assert.Equal(["SupplyChain.Delivered"], read.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([tn], read.GetProperty("trackingNumbers").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(read.GetProperty("vehicleIds").EnumerateArray());
        Assert.Equal("acme ops", read.GetProperty("description").GetString());
        Assert.True(read.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, read.GetProperty("pending").GetInt32());

        // A carrier sees its own; another carrier does not; an admin sees all.
        Assert.Contains(id, await Ids(_acme));
        Assert.DoesNotContain(id, await Ids(_carrier));
        Assert.Contains(id, await Ids(_admin));
        Assert.Equal(HttpStatusCode.NotFound, (await _carrier.GetAsync($"/api/subscriptions/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _carrier.DeleteAsync($"/api/subscriptions/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/subscriptions/{id}/deliveries", Ct)).StatusCode);
        Assert.DoesNotContain("secret", await (await _admin.GetAsync("/api/subscriptions", Ct)).Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NoContent, (await _acme.DeleteAsync($"/api/subscriptions/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _acme.GetAsync($"/api/subscriptions/{id}", Ct)).StatusCode);
        Assert.DoesNotContain(id, await Ids(_admin));
    }

    private static readonly string[] WarehouseFamilies = ["eta", "movement", "eta"];
    private static readonly string[] WarehouseFacility = ["AMS-1"];

    public static TheoryData<string, string, string, int> BadRequests => new()
    {
        { "no url", "POST", """{"types":["SupplyChain.Delivered"]}""", 400 },
        { "relative url", "POST", """{"url":"/hooks"}""", 400 },
        { "not a url", "POST", """{"url":"not a url"}""", 400 },
        { "ftp url", "POST", """{"url":"ftp://example.com/hooks"}""", 400 },
        { "url with user info", "POST", """{"url":"http://user:pw@127.0.0.1/hooks"}""", 400 },
        { "url with fragment", "POST", """{"url":"http://127.0.0.1/hooks#x"}""", 400 },
        { "unknown type", "POST", """{"url":"http://127.0.0.1/hooks","types":["SupplyChain.Nope"]}""", 400 },
        { "inbound type", "POST", """{"url":"http://127.0.0.1/hooks","types":["SupplyChain.GpsPing"]}""", 400 },
        { "empty tracking number", "POST", """{"url":"http://127.0.0.1/hooks","trackingNumbers":[""]}""", 400 },
        { "tracking number with space", "POST", """{"url":"http://127.0.0.1/hooks","trackingNumbers":["1Z 99"]}""", 400 },
        { "vehicle id too long", "POST", $$"""{"url":"http://127.0.0.1/hooks","vehicleIds":["{{new string('V', 65)}}"]}""", 400 },
        { "description too long", "POST", $$"""{"url":"http://127.0.0.1/hooks","description":"{{new string('d', 501)}}"}""", 400 },
        { "types not a list", "POST", """{"url":"http://127.0.0.1/hooks","types":"SupplyChain.Delivered"}""", 400 },
        { "unknown family", "POST", """{"url":"http://127.0.0.1/hooks","families":["weather"]}""", 400 },
        { "family in capitals", "POST", """{"url":"http://127.0.0.1/hooks","families":["ETA"]}""", 400 },
        { "facility id with a slash", "POST", """{"url":"http://127.0.0.1/hooks","facilityIds":["AMS/1"]}""", 400 },
        { "facility id too long", "POST", $$"""{"url":"http://127.0.0.1/hooks","facilityIds":["{{new string('F', 129)}}"]}""", 400 },
        { "facility ids not a list", "POST", """{"url":"http://127.0.0.1/hooks","facilityIds":"AMS-1"}""", 400 },
        { "a carrier by facility alone", "POST", """{"url":"http://127.0.0.1/hooks","facilityIds":["AMS-1"],"families":["eta"]}""", 403 },
        { "not JSON", "POST", "{oops", 400 },
        { "JSON array", "POST", "[]", 400 },
        { "JSON null", "POST", "null", 400 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Create_BadInput_ProblemDetails(string name, string method, string body, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/subscriptions") { Content = Content(body, "application/json") };

        var response = await _carrier.SendAsync(request, Ct);

        Assert.Equal(status, (int)response.StatusCode);
        await AssertProblem(response, name);
    }

    [Fact]
    public async Task Create_AWarehouseByFacilityAndFamily_IsKeptAndShown()
    {
        var response = await _admin.PostAsJsonAsync("/api/subscriptions", new
        {
            url = "http://127.0.0.1:9/hooks", families = WarehouseFamilies, facilityIds = WarehouseFacility,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Json()).GetProperty("id").GetString()!;

        var read = await (await _admin.GetAsync($"/api/subscriptions/{id}", Ct)).Json();

        Assert.Equal(["eta", "movement"], read.GetProperty("families").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["AMS-1"], read.GetProperty("facilityIds").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(read.GetProperty("types").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/subscriptions/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task BadRequests_OtherShapes_ProblemDetails()
    {
        var (id, _) = await Subscriptions.Create(_carrier, new { url = "http://127.0.0.1:9/hooks", trackingNumbers = new[] { NewId("WBAD") } });
        (string What, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status)[] cases =
        [
            ("text body", () => _carrier.PostAsync("/api/subscriptions", Content("url=x", "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType),
            ("no key", () => fixture.Silo.Client().PostAsJsonAsync("/api/subscriptions", new { url = "http://127.0.0.1/x" }, Ct), HttpStatusCode.Unauthorized),
            ("unknown key", () => fixture.Silo.Client("nope").GetAsync("/api/subscriptions", Ct), HttpStatusCode.Unauthorized),
            ("body too large", () => _carrier.PostAsync("/api/subscriptions", Content($$"""{"url":"http://127.0.0.1/x","description":"{{new string('d', 300_000)}}"}""", "application/json"), Ct), HttpStatusCode.RequestEntityTooLarge),
            ("carrier limited to its sources, no filter", () => _acme.PostAsJsonAsync("/api/subscriptions", new { url = "http://127.0.0.1/x" }, Ct), HttpStatusCode.Forbidden),
            ("unknown id", () => _carrier.GetAsync("/api/subscriptions/sub_nothere", Ct), HttpStatusCode.NotFound),
            ("malformed id", () => _carrier.GetAsync("/api/subscriptions/bad%20id!", Ct), HttpStatusCode.BadRequest),
            ("delete unknown", () => _carrier.DeleteAsync("/api/subscriptions/sub_nothere", Ct), HttpStatusCode.NotFound),
            ("enable unknown", () => _carrier.PostAsync("/api/subscriptions/sub_nothere/enable", null, Ct), HttpStatusCode.NotFound),
            ("deliveries of unknown", () => _carrier.GetAsync("/api/subscriptions/sub_nothere/deliveries", Ct), HttpStatusCode.NotFound),
            ("limit zero", () => _carrier.GetAsync($"/api/subscriptions/{id}/deliveries?limit=0", Ct), HttpStatusCode.BadRequest),
            ("limit not a number", () => _carrier.GetAsync($"/api/subscriptions/{id}/deliveries?limit=ten", Ct), HttpStatusCode.BadRequest),
            ("limit too big", () => _carrier.GetAsync($"/api/subscriptions/{id}/deliveries?limit=100000", Ct), HttpStatusCode.BadRequest),
            ("dead letters of unknown", () => _carrier.GetAsync("/api/subscriptions/sub_nothere/dead-letters", Ct), HttpStatusCode.NotFound),
            ("redrive bad JSON", () => _carrier.PostAsync($"/api/subscriptions/{id}/dead-letters/redrive", Content("{oops", "application/json"), Ct), HttpStatusCode.BadRequest),
            ("redrive empty id", () => _carrier.PostAsync($"/api/subscriptions/{id}/dead-letters/redrive", Content("""{"eventIds":[""]}""", "application/json"), Ct), HttpStatusCode.BadRequest),
            ("redrive unknown", () => _carrier.PostAsync("/api/subscriptions/sub_nothere/dead-letters/redrive", null, Ct), HttpStatusCode.NotFound),
        ];

        foreach (var (what, send, status) in cases)
        {
            var response = await send();
            Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode}");
            await AssertProblem(response, what);
        }
    }

    [Fact]
    public async Task Handshake_AskedFor_OnlyAnEndpointThatAllowsTheOriginIsSubscribed()
    {
        await using var agreeing = await LoopbackReceiver.StartAsync(respond: (received, context) =>
        {
            if (received.Method == "OPTIONS" && received.Headers.TryGetValue("webhook-request-origin", out var origin))
            {
                context.Response.Headers["WebHook-Allowed-Origin"] = origin;
            }

            return Task.CompletedTask;
        });
        await using var silent = await LoopbackReceiver.StartAsync();

        var ok = await _carrier.PostAsJsonAsync("/api/subscriptions", new { url = agreeing.Url, trackingNumbers = new[] { NewId("WHS") }, handshake = true }, Ct);
        var refused = await _carrier.PostAsJsonAsync("/api/subscriptions", new { url = silent.Url, trackingNumbers = new[] { NewId("WHS") }, handshake = true }, Ct);

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var handshake = Assert.Single(agreeing.Requests);
        Assert.Equal("OPTIONS", handshake.Method);
        Assert.Equal("supplychain", handshake.Headers["webhook-request-origin"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await AssertProblem(refused, "refused handshake");
        Assert.Equal("OPTIONS", Assert.Single(silent.Requests).Method);
    }

    [Fact]
    public async Task OutsideDevelopment_HttpOrNonPublicUrl_BadRequest()
    {
        await using var silo = await RunningSilo.StartAsync(
            "Production",
            "--SupplyChain:Auth:ApiKeys:0:Name=Prod admin", "--SupplyChain:Auth:ApiKeys:0:Key=prod-admin-key", "--SupplyChain:Auth:ApiKeys:0:Role=admin",
            "--SupplyChain:Auth:ApiKeys:1:Name=Prod carrier", "--SupplyChain:Auth:ApiKeys:1:Key=prod-carrier-key", "--SupplyChain:Auth:ApiKeys:1:Role=carrier",
            "--SupplyChain:Auth:ApiKeys:1:Sources:0=*");
        var admin = silo.Client("prod-admin-key");
        // Each refusal is a 400 whose detail says what is wrong: the scheme, the port, or the address and its range.
        (string Url, string Detail)[] refused =
        [
            ("http://example.com/hooks", "must use https"), ("http://93.184.215.14/hooks", "must use https"),
            ("https://93.184.215.14:8443/hooks", "port 8443 is not allowed: SupplyChain:Webhooks:AllowedPorts allows 443"),
            ("https://127.0.0.1/hooks", "a loopback address (127.0.0.0/8)"), ("https://localhost/hooks", "a loopback address"),
            ("https://10.0.0.8/hooks", "a private address (10.0.0.0/8)"), ("https://172.16.5.4/hooks", "a private address (172.16.0.0/12)"),
            ("https://192.168.1.20/hooks", "a private address (192.168.0.0/16)"),
            ("https://169.254.169.254/latest/meta-data", "the cloud metadata endpoint (169.254.169.254/32)"),
            ("https://100.64.0.1/hooks", "a carrier-grade NAT address (100.64.0.0/10)"), ("https://0.0.0.0/hooks", "a \"this network\" address (0.0.0.0/8)"),
            ("https://192.88.99.1/hooks", "a 6to4 relay anycast address (192.88.99.0/24)"),
            ("https://198.18.0.1/hooks", "a benchmarking address (198.18.0.0/15)"), ("https://240.0.0.1/hooks", "a reserved address (240.0.0.0/4)"),
            ("https://[::1]/hooks", "a loopback address (::1/128)"), ("https://[fe80::1]/hooks", "a link-local address (fe80::/10)"),
            ("https://[fd00::1]/hooks", "a unique local (private) address (fc00::/7)"),
            ("https://[::ffff:127.0.0.1]/hooks", "an IPv4-mapped address (::ffff:0:0/96) carrying 127.0.0.1, a loopback address"),
            ("https://[64:ff9b::a9fe:a9fe]/hooks", "a NAT64 address (64:ff9b::/96) carrying 169.254.169.254, the cloud metadata endpoint"),
            ("https://[2002:a00:1::1]/hooks", "a 6to4 address (2002::/16) carrying 10.0.0.1, a private address (10.0.0.0/8)"),
            ("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hooks", "a Teredo tunnel address (2001::/32)"),
        ];

        foreach (var (url, detail) in refused)
        {
            var response = await admin.PostAsJsonAsync("/api/subscriptions", new { url, trackingNumbers = new[] { NewId("WPRD") } }, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            await AssertProblem(response, url);
            var problem = await response.Json();
            Assert.Equal("Invalid url", problem.GetProperty("title").GetString());
            Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var accepted = await admin.PostAsJsonAsync("/api/subscriptions", new { url = "https://93.184.215.14/hooks", trackingNumbers = new[] { NewId("WPRD") } }, Ct);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    private static async Task<string?[]> Ids(HttpClient client) =>
        [.. (await (await client.GetAsync("/api/subscriptions", Ct)).Json()).EnumerateArray().Select(s => s.GetProperty("id").GetString())];

    private static async Task AssertProblem(HttpResponseMessage response, string what)
    {
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {response.Content.Headers.ContentType}");
        var problem = await response.Json();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), what);
    }
}
