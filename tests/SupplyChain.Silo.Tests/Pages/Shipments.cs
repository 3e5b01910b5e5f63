using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>Puts a shipment on the road for a page test: a plan, its scans, its truck's pings.</summary>
public sealed class Shipments(LoopbackSilo silo)
{
    private readonly HttpClient _carrier = silo.Client(RunningSilo.CarrierKey);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A number the way the browser prints it, so data-* attributes compare as text.</summary>
    public static string Js(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public Task PlanAsync(string trackingNumber, params (double Lat, double Lon)[] route) => PlanAsync(trackingNumber, Now.AddHours(3), route);

    public async Task PlanAsync(string trackingNumber, DateTimeOffset promisedBy, params (double Lat, double Lon)[] route)
    {
        var body = new
        {
            carrierId = "ACME",
            origin = new { lat = route[0].Lat, lon = route[0].Lon },
            destination = new { lat = route[^1].Lat, lon = route[^1].Lon },
            destinationRadiusM = 400,
            promisedBy,
            route = new { type = "LineString", coordinates = route.Select(p => new[] { p.Lon, p.Lat }).ToArray() },
            corridorWidthM = 2000,
        };
        var response = await _carrier.PutAsJsonAsync($"/api/shipments/{trackingNumber}", body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"PUT plan: {response.StatusCode}");
    }

    public async Task PostAsync(params System.Text.Json.Nodes.JsonNode[] events)
    {
        var response = await _carrier.PostAsync("/api/events", Batch(events), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Picks the shipment up onto <paramref name="truck"/> and waits until the shipment follows the truck.</summary>
    public async Task LoadAsync(string trackingNumber, string truck, DateTimeOffset at, (double Lat, double Lon) where)
    {
        await PostAsync(
            Scan(trackingNumber, "PickedUp", at, lat: where.Lat, lon: where.Lon),
            Scan(trackingNumber, "LoadedOnVehicle", at.AddSeconds(1), vehicleId: truck, lat: where.Lat, lon: where.Lon));
        await Eventually.Until(() => GetAsync(trackingNumber), s => s?.GetProperty("vehicleId").GetString() == truck, $"{trackingNumber} on {truck}");
    }

    public async Task<JsonElement?> GetAsync(string trackingNumber)
    {
        var response = await _carrier.GetAsync($"/api/shipments/{trackingNumber}", Ct);
        return response.StatusCode == HttpStatusCode.OK ? await response.Json() : null;
    }
}
