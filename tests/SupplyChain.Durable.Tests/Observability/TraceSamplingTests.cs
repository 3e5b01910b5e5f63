using System.Diagnostics;
using System.Text.Json;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Observability;

/// <summary>
/// Traces sampled with the OpenTelemetry SDK's own settings, as the production overlay samples them. In a
/// silo process of its own: in a test process every silo's tracer listens to the same sources, and one
/// that keeps every span records them for all the others as well.
/// </summary>
public sealed class TraceSamplingTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ParentBasedRatio_KeepsATraceTheClientSampled_AndNoTraceARequestStartedItself()
    {
        // A ratio of 0 keeps no trace that a request starts; the production overlay keeps one in a hundred.
        await using var silo = await SiloProcess.StartAsync(
            "silo", _azurite.ConnectionString, "sampling-" + Guid.NewGuid().ToString("N")[..8],
            "--OTEL_TRACES_SAMPLER=parentbased_traceidratio", "--OTEL_TRACES_SAMPLER_ARG=0");
        // Without a traceparent header of this process's making: the silo alone decides.
        using var handler = new SocketsHttpHandler { ActivityHeadersPropagator = null };
        using var carrier = new HttpClient(handler) { BaseAddress = silo.Address };
        carrier.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.CarrierKey);
        var (unsampled, sampled) = (NewKey("UNSAMPLED"), NewKey("SAMPLED"));
        var traceId = ActivityTraceId.CreateRandom();
        var traced = Scan(sampled, "PickedUp", T0);
        traced["traceparent"] = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";

        await PostAccepted(carrier, Scan(unsampled, "PickedUp", T0));
        await PostAccepted(carrier, traced);

        var kept = await EventsOf(carrier, sampled);
        Assert.All(kept, e => Assert.Equal([traceId.ToString(), "01"], Trace(e)));
        // A trace not kept still goes on, unsampled: each event names its request's trace, as the W3C asks.
        var dropped = await EventsOf(carrier, unsampled);
        var requestTrace = Trace(dropped[0])[0];
        Assert.All(dropped, e => Assert.Equal([requestTrace, "00"], Trace(e)));
    }

    /// <summary>The trace id and the flags of an event's traceparent.</summary>
    private static string[] Trace(JsonElement e) => e.GetProperty("traceparent").GetString()!.Split('-') is [_, var trace, _, var flags] ? [trace, flags] : [];

    /// <summary>The milestone and the status change a PickedUp scan raises.</summary>
    private static async Task<List<JsonElement>> EventsOf(HttpClient client, string trackingNumber)
    {
        var events = await Eventually.Until(
            () => GetJson(client, $"/api/shipments/{trackingNumber}/events"),
            e => e is { } list && list.GetArrayLength() == 2,
            $"{trackingNumber}'s milestone and status change");
        return [.. events!.Value.EnumerateArray()];
    }
}
