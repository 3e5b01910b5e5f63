using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Observability;

/// <summary>The trace context crosses Azure Queue streams (serialized with the event) in a two-silo cluster.</summary>
public sealed class QueueTracingTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Traceparent_ThroughAzureQueues_ReachesTheOutboundEventAndTheSpans()
    {
        var spans = new ExportedSpans();
        var clusterId = "trace-" + Guid.NewGuid().ToString("N")[..8];
        void Export(WebApplicationBuilder b) => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
        await using var first = InProcessSilo.Build(_azurite.ConnectionString, clusterId, Export);
        await using var second = InProcessSilo.Build(_azurite.ConnectionString, clusterId, Export);
        await first.StartAsync(TestContext.Current.CancellationToken);
        await second.StartAsync(TestContext.Current.CancellationToken);
        using var posting = Client(first, "dev-carrier");
        using var reading = Client(second, "dev-carrier");
        var tn = NewKey("QTRACE");
        var traceId = ActivityTraceId.CreateRandom();
        var scan = Scan(tn, "PickedUp", T0);
        scan["traceparent"] = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";

        await PostAccepted(posting, scan);

        var events = await Eventually.Until(
            () => GetJson(reading, $"/api/shipments/{tn}/events"),
            e => e is { } list && list.GetArrayLength() == 2,
            "the milestone and the status change, read on the other silo");
        Assert.All(events!.Value.EnumerateArray(), e => Assert.Equal(traceId.ToString(), e.GetProperty("traceparent").GetString()!.Split('-')[1]));
        var names = await Eventually.Until(
            () => Task.FromResult(spans.Snapshot().Where(s => s.TraceId == traceId).Select(s => s.DisplayName).ToList()),
            n => n.Contains("handle SupplyChain.ItemScanned") && n.Contains("emit SupplyChain.ShipmentStatusChanged"),
            "the handling and emitting spans");
        Assert.Contains("handle SupplyChain.ItemScanned", names);
    }

    private static HttpClient Client(WebApplication app, string key)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
