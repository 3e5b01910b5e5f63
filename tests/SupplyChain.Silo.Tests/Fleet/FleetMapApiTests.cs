using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Fleet;

/// <summary>
/// <c>GET /api/ops/map</c> against a real silo. Each test drives its vehicles in a box of the South
/// Atlantic of its own, where no other test drives, so what a box holds is the test's alone.
/// </summary>
public sealed class FleetMapApiTests(FleetMapFixture fixture) : IClassFixture<FleetMapFixture>
{
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Map_FewVehiclesInTheBox_EachOneAtItsLatestPosition()
    {
        var box = new Box(-20, -35);
        var (a, b, outside) = (NewId("MKA"), NewId("MKB"), NewId("MKO"));
        var t0 = Now.AddMinutes(-20);
        await PostAsync(Ping(a, box.Lat(0.2), box.Lon(0.2), t0), Ping(b, box.Lat(0.8), box.Lon(0.7), t0, speedKmh: 0), Ping(outside, box.Lat(1.5), box.Lon(0.5), t0));

        // The vehicle outside may go through another partition than the two inside: its line can come after theirs.
        var map = await Eventually.Until(
            () => ReadAsync(box.Query(zoom: 9)),
            m => Ids(m, "vehicles").Count == 2 && m.GetProperty("fleet").GetProperty("vehicles").GetInt32() >= 3,
            "both vehicles in the box, and the one outside it listed");

        Assert.Equal("markers", map.GetProperty("mode").GetString());
        Assert.True(map.GetProperty("full").GetBoolean());
        Assert.Equal([a, b], Ids(map, "vehicles").Order(StringComparer.Ordinal));
        Assert.Equal(2, map.GetProperty("within").GetInt32());
        Assert.Empty(map.GetProperty("clusters").EnumerateArray());
        var first = map.GetProperty("vehicles").EnumerateArray().Single(v => v.GetProperty("vehicleId").GetString() == a);
        Assert.Equal(box.Lat(0.2), first.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.True(map.GetProperty("fleet").GetProperty("vehicles").GetInt32() >= 3);
        Assert.Equal(9, map.GetProperty("zoom").GetInt32());
    }

    [Fact]
    public async Task Map_Since_OnlyWhatChangedInsideAndWhatLeft()
    {
        var box = new Box(-20, -37);
        var (moves, leaves, stays, arrives) = (NewId("SNM"), NewId("SNL"), NewId("SNS"), NewId("SNA"));
        var t0 = Now.AddMinutes(-60);
        await PostAsync(
            Ping(moves, box.Lat(0.2), box.Lon(0.2), t0), Ping(leaves, box.Lat(0.5), box.Lon(0.5), t0),
            Ping(stays, box.Lat(0.7), box.Lon(0.7), t0), Ping(arrives, box.Lat(-0.3), box.Lon(0.5), t0));
        var whole = await Eventually.Until(() => ReadAsync(box.Query(zoom: 9)), m => Ids(m, "vehicles").Count == 3, "the three vehicles inside");
        var cursor = whole.GetProperty("cursor").GetString()!;

        // Half an hour later in event time, so the moves (up to 90 km) are plausible.
        var t1 = t0.AddMinutes(30);
        await PostAsync(Ping(moves, box.Lat(0.3), box.Lon(0.2), t1), Ping(leaves, box.Lat(1.3), box.Lon(0.5), t1), Ping(arrives, box.Lat(0.1), box.Lon(0.5), t1));

        var changes = await Eventually.Until(
            () => ReadAsync(box.Query(zoom: 9, since: cursor)),
            m => Ids(m, "vehicles").Count == 2 && Ids(m, "left").Count == 1 && Lat(m, moves) == box.Lat(0.3),
            "the moves since the cursor");

        Assert.False(changes.GetProperty("full").GetBoolean());
        Assert.Equal("markers", changes.GetProperty("mode").GetString());
        Assert.Equal([arrives, moves], Ids(changes, "vehicles").Order(StringComparer.Ordinal));
        Assert.Equal([leaves], Ids(changes, "left"));
        Assert.Equal(3, changes.GetProperty("within").GetInt32());

        var nothing = await ReadAsync(box.Query(zoom: 9, since: changes.GetProperty("cursor").GetString()));
        Assert.False(nothing.GetProperty("full").GetBoolean());
        Assert.Empty(Ids(nothing, "vehicles"));
        Assert.Empty(Ids(nothing, "left"));
    }

    [Fact]
    public async Task Map_MoreVehiclesThanTheMarkerLimit_ClustersThatAddUp()
    {
        var box = new Box(-20, -39);
        var prefix = NewId("CLU");
        var t0 = Now.AddMinutes(-20);
        // 150 vehicles: 120 in the box's south-west quarter, 30 at one place in its north-east quarter.
        var pings = Enumerable.Range(0, 150).Select(i => i < 120
            ? Ping($"{prefix}-{i:D3}", box.Lat(0.05 + i % 12 * 0.03), box.Lon(0.05 + i / 12 * 0.03), t0)
            : Ping($"{prefix}-{i:D3}", box.Lat(0.9), box.Lon(0.9), t0));
        await PostAsync([.. pings]);

        var map = await Eventually.Until(() => ReadAsync(box.Query(zoom: 7)), m => m.GetProperty("within").GetInt32() == 150, "every vehicle counted");

        Assert.Equal("clusters", map.GetProperty("mode").GetString());
        Assert.True(map.GetProperty("full").GetBoolean());
        Assert.Empty(map.GetProperty("vehicles").EnumerateArray());
        var clusters = map.GetProperty("clusters").EnumerateArray().ToList();
        Assert.True(clusters.Count >= 2, $"{clusters.Count} clusters");
        Assert.Equal(150, clusters.Sum(c => c.GetProperty("count").GetInt32()));
        Assert.Contains(clusters, c => c.GetProperty("count").GetInt32() == 30 && Math.Abs(c.GetProperty("lat").GetDouble() - box.Lat(0.9)) < 1e-4);
        Assert.All(clusters, c => Assert.InRange(c.GetProperty("moving").GetInt32(), 0, c.GetProperty("count").GetInt32()));
        Assert.All(clusters, c => Assert.InRange(c.GetProperty("lat").GetDouble(), box.South, box.South + 1));

        // Nothing changed inside: the reader keeps its clusters.
        var same = await ReadAsync(box.Query(zoom: 7, since: map.GetProperty("cursor").GetString()));
        Assert.Equal("clusters", same.GetProperty("mode").GetString());
        Assert.False(same.GetProperty("full").GetBoolean());
        Assert.Empty(same.GetProperty("clusters").EnumerateArray());

        // Zoomed in on the north-east quarter: few enough to show one by one.
        var corner = new Box(box.West + 0.75, box.South + 0.75, size: 0.25);
        var close = await ReadAsync(corner.Query(zoom: 12));
        Assert.Equal("markers", close.GetProperty("mode").GetString());
        Assert.Equal(30, Ids(close, "vehicles").Count);
    }

    [Fact]
    public async Task Map_ACursorOfAnotherView_TheWholeViewAgain()
    {
        var box = new Box(-20, -41);
        var truck = NewId("CUR");
        await PostAsync(Ping(truck, box.Lat(0.5), box.Lon(0.5), Now.AddMinutes(-20)));
        var first = await Eventually.Until(() => ReadAsync(box.Query(zoom: 9)), m => Ids(m, "vehicles").Count == 1, "the truck");

        var zoomedIn = await ReadAsync(box.Query(zoom: 10, since: first.GetProperty("cursor").GetString()));

        Assert.True(zoomedIn.GetProperty("full").GetBoolean());
        Assert.Equal([truck], Ids(zoomedIn, "vehicles"));
    }

    [Theory]
    [InlineData("zoom=5", "bbox")]
    [InlineData("bbox=-10,36,30&zoom=5", "bbox")]
    [InlineData("bbox=-10,36,30,60,1&zoom=5", "bbox")]
    [InlineData("bbox=a,b,c,d&zoom=5", "bbox")]
    [InlineData("bbox=&zoom=5", "bbox")]
    [InlineData("bbox=30,36,-10,60&zoom=5", "bbox")]
    [InlineData("bbox=-10,60,30,36&zoom=5", "bbox")]
    [InlineData("bbox=-10,36,-10,60&zoom=5", "bbox")]
    [InlineData("bbox=-181,36,30,60&zoom=5", "bbox")]
    [InlineData("bbox=-10,-91,30,60&zoom=5", "bbox")]
    [InlineData("bbox=-10,36,30,1e999&zoom=5", "bbox")]
    [InlineData("bbox=NaN,36,30,60&zoom=5", "bbox")]
    [InlineData("bbox=-10,36,30,60", "zoom")]
    [InlineData("bbox=-10,36,30,60&zoom=-1", "zoom")]
    [InlineData("bbox=-10,36,30,60&zoom=23", "zoom")]
    [InlineData("bbox=-10,36,30,60&zoom=5.5", "zoom")]
    [InlineData("bbox=-10,36,30,60&zoom=99999999999999999999", "zoom")]
    [InlineData("bbox=-10,36,30,60&zoom=5&since=", "since")]
    [InlineData("bbox=-10,36,30,60&zoom=5&since=not-a-cursor", "since")]
    [InlineData("bbox=-10,36,30,60&zoom=5&since=AQA", "since")]
    [InlineData("bbox=-10,36,30,60&zoom=5&since=%ED%A0%80", "since")]
    [InlineData("bbox=-10,36,30,60&zoom=5&bbox=-10,36,30,60", "bbox")]
    [InlineData("bbox=-10,36,30,60&zoom=5&limit=10", "limit")]
    public async Task Map_BadParameter_ProblemNamingIt(string query, string parameter)
    {
        var response = await _admin.GetAsync($"/api/ops/map?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Map_ACursorTamperedWith_BadRequest()
    {
        var map = await ReadAsync(new Box(-20, -43).Query(zoom: 9));
        var cursor = map.GetProperty("cursor").GetString()!;

        var response = await _admin.GetAsync($"/api/ops/map?{new Box(-20, -43).Query(zoom: 9)}&since={cursor}AAAA", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Map_AsCarrier_Forbidden()
    {
        var response = await _carrier.GetAsync("/api/ops/map?bbox=-10,36,30,60&zoom=5", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Map_WithoutKey_Unauthorized() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Silo.Client().GetAsync("/api/ops/map?bbox=-10,36,30,60&zoom=5", Ct)).StatusCode);

    [Fact]
    public async Task List_Search_MatchesAnIdPartCaseIgnoredFirstByIdUpToTheLimit()
    {
        var prefix = NewId("SRC");
        var t0 = Now.AddMinutes(-20);
        await PostAsync([.. Enumerable.Range(0, 5).Select(i => Ping($"{prefix}-{i}", -45, -20 + i * 0.01, t0))]);

        await Eventually.Until(
            async () => await (await _admin.GetAsync($"/api/vehicles?search={prefix}", Ct)).Json(), l => l.GetArrayLength() == 5, "all five listed");

        var found = await (await _admin.GetAsync($"/api/vehicles?search={prefix.ToLowerInvariant()}&limit=3", Ct)).Json();

        Assert.Equal([$"{prefix}-0", $"{prefix}-1", $"{prefix}-2"], found.EnumerateArray().Select(v => v.GetProperty("vehicleId").GetString()));
        var all = await (await _admin.GetAsync("/api/vehicles", Ct)).Json();
        Assert.Equal(5, all.EnumerateArray().Count(v => v.GetProperty("vehicleId").GetString()!.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("search=", "search")]
    [InlineData("search=a%20b", "search")]
    [InlineData("search=%ED%A0%80", "search")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("search=VAN&limit=abc", "limit")]
    public async Task List_BadSearch_ProblemNamingIt(string query, string parameter)
    {
        var response = await _admin.GetAsync($"/api/vehicles?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await response.Json()).GetProperty("parameter").GetString());
    }

    private async Task PostAsync(params JsonObject[] events)
    {
        foreach (var chunk in events.Chunk(500))
        {
            var response = await _carrier.PostAsync("/api/events", Batch(chunk), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    private async Task<JsonElement> ReadAsync(string query)
    {
        var response = await _admin.GetAsync($"/api/ops/map?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    private static List<string> Ids(JsonElement map, string property) =>
        [.. map.GetProperty(property).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetProperty("vehicleId").GetString()!)];

    private static double? Lat(JsonElement map, string vehicleId) =>
        map.GetProperty("vehicles").EnumerateArray().Where(v => v.GetProperty("vehicleId").GetString() == vehicleId)
            .Select(v => (double?)v.GetProperty("location").GetProperty("lat").GetDouble()).FirstOrDefault();

    /// <summary>A square of the map (1° by default) by its south-west corner, and places in it by fractions of its side.</summary>
    private sealed record Box(double West, double South, double size = 1)
    {
        public double Lat(double fraction) => Math.Round(South + fraction * size, 6);

        public double Lon(double fraction) => Math.Round(West + fraction * size, 6);

        public string Query(int zoom, string? since = null) =>
            string.Create(CultureInfo.InvariantCulture, $"bbox={West},{South},{West + size},{South + size}&zoom={zoom}")
            + (since is null ? "" : $"&since={Uri.EscapeDataString(since)}");
    }
}
