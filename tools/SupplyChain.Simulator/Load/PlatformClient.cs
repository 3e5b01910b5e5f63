using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SupplyChain.Simulator.Fleet;

namespace SupplyChain.Simulator.Load;

/// <summary>The platform's HTTP API as the simulator uses it: keep-alive connections, prepared bodies.</summary>
internal sealed class PlatformClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Batch = new("application/cloudevents-batch+json");
    private static readonly MediaTypeHeaderValue Structured = new("application/cloudevents+json");
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _carrier;
    private readonly HttpClient _admin;

    public PlatformClient(Uri baseAddress, string carrierKey, string adminKey, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        _carrier = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _carrier.DefaultRequestHeaders.Add("X-Api-Key", carrierKey);
        _admin = new HttpClient(new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _admin.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        Handler = handler;
    }

    public SocketsHttpHandler Handler { get; }

    public HttpClient Admin => _admin;

    /// <summary>Posts a batched-mode body, or with <paramref name="structured"/> one event in structured mode.</summary>
    public async Task<HttpStatusCode> PostEvents(byte[] body, CancellationToken cancellationToken, bool structured = false)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = structured ? Structured : Batch;
        using var response = await _carrier.PostAsync("/api/events", content, cancellationToken);
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> PutPlan(SimulatedShipment shipment, byte[] plan, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(plan);
        content.Headers.ContentType = Json;
        using var response = await _carrier.PutAsync($"/api/shipments/{shipment.TrackingNumber}", content, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Each vehicle's latest fix time, from the fleet list (admin).</summary>
    public async Task<Dictionary<string, DateTimeOffset>> FleetFixTimes(CancellationToken cancellationToken)
    {
        await using var stream = await _admin.GetStreamAsync("/api/vehicles", cancellationToken);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return doc.RootElement.EnumerateArray().ToDictionary(
            v => v.GetProperty("vehicleId").GetString()!, v => v.GetProperty("location").GetProperty("at").GetDateTimeOffset(), StringComparer.Ordinal);
    }

    public void Dispose()
    {
        _carrier.Dispose();
        _admin.Dispose();
        Handler.Dispose();
    }
}
