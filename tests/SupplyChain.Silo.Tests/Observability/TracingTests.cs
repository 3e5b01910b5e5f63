using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OpenTelemetry.Trace;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Observability;

/// <summary>One trace from the carrier's POST through the stream and the grains to the alert it raised.</summary>
public sealed class TracingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Restricted = GeoJson.Box(5.0, 52.0, 5.1, 52.1, "Restricted");

    [Fact]
    public async Task Traceparent_OnAPing_ReachesTheBreachItRaisedAndTheExportedSpans()
    {
        var spans = new ExportedSpans();
        await using var silo = await RunningSilo.StartAsync(
            "Development", b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        using var carrier = silo.Client(RunningSilo.CarrierKey);
        using var admin = silo.Client(RunningSilo.AdminKey);
        var (tn, truck) = (NewId("TRC"), NewId("TRUCK"));
        var t0 = Now.AddMinutes(-30);
        await admin.PutAsync($"/api/geofences/{NewId("zone")}", Content(Restricted, "application/geo+json"), Ct);
        await carrier.PostAsync("/api/events", Structured(Scan(tn, "LoadedOnVehicle", t0, vehicleId: truck)), Ct);
        await Eventually.Until(
            async () => await carrier.GetAsync($"/api/vehicles/{truck}", Ct) is { StatusCode: HttpStatusCode.OK } r ? await r.Json() : default,
            v => v.ValueKind == JsonValueKind.Object, "the truck carrying the shipment");
        await carrier.PostAsync("/api/events", Structured(Ping(truck, 51.95, 5.05, t0.AddMinutes(1))), Ct);

        var traceId = ActivityTraceId.CreateRandom();
        var inside = Ping(truck, 52.05, 5.05, t0.AddMinutes(6));
        inside["traceparent"] = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";
        Assert.Equal(HttpStatusCode.Accepted, (await carrier.PostAsync("/api/events", Structured(inside), Ct)).StatusCode);

        var events = await Eventually.Until(
            async () => await (await carrier.GetAsync($"/api/shipments/{tn}/events", Ct)).Json(),
            e => e.EnumerateArray().Any(x => x.GetProperty("type").GetString() == "SupplyChain.GeofenceBreached"),
            "the breach");
        var breach = events.EnumerateArray().Single(x => x.GetProperty("type").GetString() == "SupplyChain.GeofenceBreached");
        Assert.Equal(traceId.ToString(), breach.GetProperty("traceparent").GetString()!.Split('-')[1]);

        var traced = await Eventually.Until(
            () => Task.FromResult(spans.Snapshot().Where(s => s.TraceId == traceId).Select(s => s.DisplayName).ToList()),
            names => names.Contains("emit SupplyChain.GeofenceBreached") && names.Any(n => n.StartsWith("handle ", StringComparison.Ordinal)),
            "the spans of the trace");
        Assert.Contains("handle SupplyChain.GpsPing", traced);
        var emitted = spans.Snapshot().Single(s => s.DisplayName == "emit SupplyChain.GeofenceBreached" && s.TraceId == traceId);
        Assert.Equal(emitted.SpanId.ToString(), breach.GetProperty("traceparent").GetString()!.Split('-')[2]);
    }

    [Fact]
    public async Task Post_WithoutTraceparent_EventsJoinTheRequestsTrace()
    {
        var spans = new ExportedSpans();
        await using var silo = await RunningSilo.StartAsync(
            "Development", b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        // In this process the client's own HTTP instrumentation would replace the header with its span's.
        using var handler = new SocketsHttpHandler { ActivityHeadersPropagator = null };
        using var carrier = new HttpClient(handler) { BaseAddress = silo.Address };
        carrier.DefaultRequestHeaders.Add("X-Api-Key", RunningSilo.CarrierKey);
        var tn = NewId("REQ");
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Structured(Scan(tn, "PickedUp")) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        await carrier.SendAsync(request, Ct);

        var events = await Eventually.Until(
            async () => await carrier.GetAsync($"/api/shipments/{tn}/events", Ct) is { StatusCode: HttpStatusCode.OK } r ? await r.Json() : default,
            e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2, "the milestone and the status change");
        Assert.All(events.EnumerateArray(), e => Assert.Equal(traceId.ToString(), e.GetProperty("traceparent").GetString()!.Split('-')[1]));
        var post = Assert.Single(spans.Snapshot(), s => s.TraceId == traceId && s.Kind == ActivityKind.Server);
        Assert.Equal(1, post.GetTagItem("supplychain.events"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GrainCallSpans_OnlyWhenAskedFor(bool asked)
    {
        var spans = new ExportedSpans();
        await using var silo = await RunningSilo.StartAsync(
            "Development", b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)),
            $"--SupplyChain:Telemetry:GrainCallSpans={asked}");
        using var carrier = silo.Client(RunningSilo.CarrierKey);
        var truck = NewId("SPAN");

        await carrier.PostAsync("/api/events", Structured(Ping(truck, 51.9, 4.5, Now.AddMinutes(-1))), Ct);

        await Eventually.Until(
            () => Task.FromResult(spans.Snapshot().Any(s => s.DisplayName == "handle SupplyChain.GpsPing")), handled => handled, "the ping's handling span");
        var orleans = spans.Snapshot().Count(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        if (asked)
        {
            Assert.True(orleans > 0, "no Orleans span although asked for");
        }
        else
        {
            Assert.Equal(0, orleans);
        }
    }
}
