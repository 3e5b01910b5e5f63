using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.RateLimiting;

/// <summary>
/// The limits over real HTTP on a silo of their own (<see cref="RateLimitSilo"/>). Each test connects
/// from loopback addresses of its own, so no test spends another's per-address budget.
/// </summary>
public sealed class RateLimitTests(RateLimitSilo fixture) : IClassFixture<RateLimitSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousReads_BurstOverAddressLimit_429WithRetryAfterAndProblemOthersServed()
    {
        var tn = NewId("RLA");
        await Created(tn);
        using var reader = LoopbackClient.From("127.0.0.2", fixture.Silo.Address);
        const int Burst = RateLimitOptions.DefaultAnonymousRequestBurst + 100;

        // A fresh X-Forwarded-For on each request: without trusted proxies it must not buy a fresh limit.
        var responses = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/shipments/{tn}");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i % 250}");
            return reader.SendAsync(request, Ct);
        }));

        var served = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(Burst, served + refused.Count);
        Assert.True(served >= RateLimitOptions.DefaultAnonymousRequestBurst, $"only {served} of the burst were served");
        Assert.NotEmpty(refused);
        await AssertRefusal(refused[0], "requests-per-address");

        using var neighbour = LoopbackClient.From("127.0.0.3", fixture.Silo.Address);
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync($"/api/shipments/{tn}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/ready", Ct)).StatusCode);
    }

    [Fact]
    public async Task AnonymousReads_ThroughTrustedProxy_CountedPerForwardedAddress()
    {
        var tn = NewId("RLP");
        await Created(tn);
        using var proxy = LoopbackClient.From(RateLimitSilo.TrustedProxy, fixture.Silo.Address);
        Task<HttpResponseMessage> Get(string client)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/shipments/{tn}");
            request.Headers.Add("X-Forwarded-For", client);
            return proxy.SendAsync(request, Ct);
        }

        var burst = await Task.WhenAll(Enumerable.Range(0, RateLimitOptions.DefaultAnonymousRequestBurst + 100).Select(_ => Get("198.51.100.7")));

        var refused = burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        var problem = await AssertRefusal(refused[0], "requests-per-address");
        Assert.Contains("198.51.100.7", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Get("198.51.100.8")).StatusCode);
    }

    [Fact]
    public async Task CarrierWrites_BurstUnderKeyLimitPasses_OverIt429()
    {
        using var carrier = LoopbackClient.From("127.0.0.10", fixture.Silo.Address, RateLimitSilo.RequestsKey);
        var vehicle = NewId("RLW");
        var t0 = Now.AddMinutes(-20);

        var burst = await Task.WhenAll(Enumerable.Range(0, RateLimitSilo.RequestBurst).Select(i =>
            carrier.PostAsync("/api/events", Structured(Ping(vehicle, 51.9, 4.4 + (i * 0.001), t0.AddSeconds(i))), Ct)));
        Assert.All(burst, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));

        // The bucket refills by one a second: within a few more requests it is empty.
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await carrier.PostAsync("/api/events", Structured(Ping(vehicle, 52.0, 4.5, t0.AddMinutes(1).AddSeconds(i))), Ct);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        var problem = await AssertRefusal(refused, "requests-per-key");
        Assert.Contains("Requests test carrier", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_OverKeyEventBudget_429UntilRefilled()
    {
        using var carrier = LoopbackClient.From("127.0.0.11", fixture.Silo.Address, RateLimitSilo.EventsKey);
        var vehicle = NewId("RLE");
        var t0 = Now.AddMinutes(-25);
        var sent = 0;
        StringContent Batch500() => Batch([.. Enumerable.Range(0, 500).Select(_ => (JsonNode)Ping(vehicle, 51.9, 4.4, t0.AddSeconds(sent++)))]);

        // Two batches of 500 take the whole burst of 1,000; at one event a second the next is refused.
        Assert.Equal(HttpStatusCode.Accepted, (await carrier.PostAsync("/api/events", Batch500(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await carrier.PostAsync("/api/events", Batch500(), Ct)).StatusCode);
        var refused = await carrier.PostAsync("/api/events", Batch500(), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        await AssertRefusal(refused, "events-per-key");
        await Eventually.Until(
            async () => (await carrier.PostAsync("/api/events", Structured(Ping(vehicle, 51.9, 4.4, t0.AddSeconds(sent++))), Ct)).StatusCode,
            status => status == HttpStatusCode.Accepted,
            "the event budget to refill");
    }

    [Fact]
    public async Task LiveFeeds_OverAddressCap_429EarlierFeedsStillStream()
    {
        var tn = NewId("RLL");
        await Created(tn);
        using var viewer = LoopbackClient.From("127.0.0.4", fixture.Silo.Address);
        var feeds = new List<LiveFeed>();
        try
        {
            for (var i = 0; i < RateLimitOptions.DefaultLiveConnectionsPerAddress; i++)
            {
                feeds.Add(await LiveFeed.OpenAsync(viewer, tn));
            }

            using var refused = await viewer.GetAsync($"/api/shipments/{tn}/live", HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            await AssertRefusal(refused, "live-connections-per-address");

            using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
            await carrier.PostAsync("/api/events", Structured(Scan(tn, "OutForDelivery", Now.AddMinutes(-5))), Ct);
            await feeds[0].ReadUntilAsync("OutForDelivery");
            await feeds[^1].ReadUntilAsync("OutForDelivery");

            // A feed that closes gives its place back.
            feeds[0].Dispose();
            feeds.RemoveAt(0);
            var reopened = await Eventually.Until(
                () => viewer.GetAsync($"/api/shipments/{tn}/live", HttpCompletionOption.ResponseHeadersRead, Ct),
                r => r.StatusCode == HttpStatusCode.OK || DisposeAndFalse(r),
                "a place on the per-address cap after a feed closed");
            reopened.Dispose();
        }
        finally
        {
            feeds.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task LiveFeeds_OverShipmentCap_429()
    {
        var tn = NewId("RLS");
        await Created(tn);
        using var first = LoopbackClient.From("127.0.0.5", fixture.Silo.Address);
        using var second = LoopbackClient.From("127.0.0.6", fixture.Silo.Address);
        using var third = LoopbackClient.From("127.0.0.7", fixture.Silo.Address);
        var feeds = new List<LiveFeed>();
        try
        {
            for (var i = 0; i < RateLimitSilo.LiveConnectionsPerShipment; i++)
            {
                feeds.Add(await LiveFeed.OpenAsync(i < RateLimitOptions.DefaultLiveConnectionsPerAddress ? first : second, tn));
            }

            using var refused = await third.GetAsync($"/api/shipments/{tn}/live", HttpCompletionOption.ResponseHeadersRead, Ct);

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            await AssertRefusal(refused, "live-connections-per-shipment");
            var otherShipment = NewId("RLS");
            await Created(otherShipment);
            using var elsewhere = await LiveFeed.OpenAsync(third, otherShipment);
        }
        finally
        {
            feeds.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData("SupplyChain:RateLimits:AnonymousRequestsPerSecond", "0")]
    [InlineData("SupplyChain:RateLimits:LiveConnectionsPerShipment", "-1")]
    [InlineData("SupplyChain:RateLimits:Keys:2:Name", "Nobody")]
    [InlineData("SupplyChain:RateLimits:TrustedProxies:0", "10.0.0.0/99")]
    public async Task Start_BadLimit_RefusedNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartAsync("Development", $"--{key}={value}"));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void ClientAddress_CountsIpv6ByItsSlash64(string address, string counted) =>
        Assert.Equal(counted, ClientAddress.Of(IPAddress.Parse(address)));

    private async Task Created(string trackingNumber)
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var response = await carrier.PostAsync("/api/events", Structured(Scan(trackingNumber, "PickedUp", Now.AddMinutes(-30))), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var reader = fixture.Silo.Client();
        await Eventually.Until(() => reader.GetAsync($"/api/shipments/{trackingNumber}", Ct), r => r.StatusCode == HttpStatusCode.OK, $"shipment {trackingNumber}");
    }

    private static async Task<JsonElement> AssertRefusal(HttpResponseMessage response, string limit)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        Assert.Equal(RateLimitRefusal.ProblemType, problem.GetProperty("type").GetString());
        return problem;
    }

    private static bool DisposeAndFalse(HttpResponseMessage response)
    {
        response.Dispose();
        return false;
    }

    /// <summary>An open live feed, read line by line.</summary>
    private sealed class LiveFeed : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private LiveFeed(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<LiveFeed> OpenAsync(HttpClient client, string trackingNumber)
        {
            var response = await client.GetAsync($"/api/shipments/{trackingNumber}/live", HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var feed = new LiveFeed(response, new StreamReader(await response.Content.ReadAsStreamAsync(Ct)));
            // The feed opens with a heartbeat: the connection is established on the silo's side.
            await feed.ReadUntilAsync("event: heartbeat");
            return feed;
        }

        /// <summary>Reads until a line contains <paramref name="text"/>; fails after 15 s.</summary>
        public async Task ReadUntilAsync(string text)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(Eventually.DefaultTimeout);
            while (await _reader.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            Assert.Fail($"The feed ended before '{text}'.");
        }

        public void Dispose()
        {
            _reader.Dispose();
            _response.Dispose();
        }
    }
}
