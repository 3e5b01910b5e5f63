using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Observability;

/// <summary>
/// The Prometheus scrape, on a silo of its own. Meters are per process, so these tests run alone
/// (their collection is not parallelized) and every value counted is theirs.
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed partial class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scrape_AfterEvents_HasEachNamedMetricWithItsValue()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var carrier = silo.Client(RunningSilo.CarrierKey);
        var truck = NewId("MET");
        var t0 = Now.AddMinutes(-30);
        var first = Ping(truck, 51.9, 4.4, t0, id: "m1");
        await carrier.PostAsync("/api/events", Batch(first, Ping(truck, 51.91, 4.41, t0.AddMinutes(1)), first, Ping(truck, 51.0, 4.0, t0.AddMinutes(2))), Ct);
        await carrier.PostAsync("/api/events", Structured(Scan(NewId("MTN"), "PickedUp")), Ct);
        await carrier.PostAsync("/api/events", Content("[]", "application/cloudevents-batch+json"), Ct);
        await carrier.PostAsync("/api/events", Content("{}", "text/plain"), Ct);
        using var scraper = silo.Client();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RunningSilo.AdminKey);

        var metrics = await Eventually.Until(
            () => scraper.GetStringAsync("/metrics", Ct),
            m => Value(m, "supplychain_pings_ignored_total", "reason=\"jump\"") == 1 && Value(m, "supplychain_alerts_raised_total", "type=\"SupplyChain.ShipmentStatusChanged\"") == 1,
            "the grains' metrics");

        Assert.Equal(4, Value(metrics, "supplychain_events_accepted_total", "type=\"SupplyChain.GpsPing\""));
        Assert.Equal(1, Value(metrics, "supplychain_events_accepted_total", "type=\"SupplyChain.ItemScanned\""));
        Assert.Equal(1, Value(metrics, "supplychain_events_rejected_total", "reason=\"invalid\""));
        Assert.Equal(1, Value(metrics, "supplychain_events_rejected_total", "reason=\"unsupported_media_type\""));
        Assert.Equal(1, Value(metrics, "supplychain_pings_ignored_total", "reason=\"duplicate\""));
        Assert.Equal(1, Value(metrics, "supplychain_shipments", "status=\"InTransit\""));
        Assert.Equal(2, Value(metrics, "supplychain_geofence_lookup_duration_seconds_count", ""));
        // One request's pings of one truck go in one message, the scan's request in another.
        Assert.Equal(2, Value(metrics, "supplychain_stream_message_events_count", ""));
        Assert.Equal(5, Value(metrics, "supplychain_stream_message_events_sum", ""));
        Assert.Equal(1, Value(metrics, "supplychain_stream_message_events_bucket", "le=\"1\""));
        Assert.Equal(2, Value(metrics, "supplychain_stream_message_events_bucket", "le=\"10\""));
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(RunningSilo.CarrierKey, HttpStatusCode.Forbidden)]
    public async Task Scrape_WithoutAdminKey_Refused(string? key, HttpStatusCode expected)
    {
        await using var silo = await RunningSilo.StartAsync();

        Assert.Equal(expected, (await silo.Client(key).GetAsync("/metrics", Ct)).StatusCode);
    }

    [Fact]
    public async Task Dashboard_BehindTheAdminKey()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var anonymous = silo.Client();
        using var browser = silo.Client();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ops:dev-admin"u8.ToArray()));

        var refused = await anonymous.GetAsync("/dashboard/", Ct);
        var shown = await browser.GetAsync("/dashboard/", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await silo.Client(RunningSilo.CarrierKey).GetAsync("/dashboard/", Ct)).StatusCode);
    }

    [Fact]
    public async Task Dashboard_TurnedOff_NotServedAndTheSiloWorks()
    {
        await using var silo = await RunningSilo.StartAsync("Development", "--SupplyChain:Telemetry:Dashboard=false");
        using var admin = silo.Client(RunningSilo.AdminKey);
        using var carrier = silo.Client(RunningSilo.CarrierKey);
        var truck = NewId("DSH");

        var posted = await carrier.PostAsync("/api/events", Structured(Ping(truck, 51.9, 4.4, Now.AddMinutes(-1))), Ct);
        var vehicle = await Eventually.Until(() => admin.GetAsync($"/api/vehicles/{truck}", Ct), r => r.StatusCode == HttpStatusCode.OK, "the vehicle");

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, vehicle.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dashboard/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics", Ct)).StatusCode);
    }

    /// <summary>The value of the first sample of <paramref name="metric"/> whose labels contain <paramref name="label"/>.</summary>
    private static double? Value(string scrape, string metric, string label)
    {
        foreach (var line in scrape.Split('\n'))
        {
            var match = Sample().Match(line);
            if (match.Success && match.Groups["name"].Value == metric && match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)")]
    private static partial Regex Sample();
}

/// <summary>Runs <see cref="MetricsTests"/> after every parallel test, with nothing else emitting.</summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;
