using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplyChain.Silo.Tests.Infrastructure;

/// <summary>Builds CloudEvents as carriers and devices would send them, as JSON nodes a test can break.</summary>
public static class CloudEvents
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static JsonObject Scan(string trackingNumber, string scanType, DateTimeOffset? time = null, string? id = null,
        string source = "/carriers/acme/scanners/rtm-1", string? vehicleId = null, double lat = 51.9225, double lon = 4.47917)
    {
        var data = new JsonObject
        {
            ["trackingNumber"] = trackingNumber,
            ["scanType"] = scanType,
            ["location"] = new JsonObject { ["lat"] = lat, ["lon"] = lon },
            ["facilityId"] = "RTM-1",
        };
        if (vehicleId is not null)
        {
            data["vehicleId"] = vehicleId;
        }

        return Envelope("SupplyChain.ItemScanned", id ?? Guid.NewGuid().ToString("N"), source, time ?? Now.AddMinutes(-30), data);
    }

    public static JsonObject Ping(string vehicleId, double lat, double lon, DateTimeOffset? time = null, string? id = null,
        string source = "/carriers/acme/devices/gps", double speedKmh = 50) =>
        Envelope("SupplyChain.GpsPing", id ?? Guid.NewGuid().ToString("N"), source, time ?? Now.AddMinutes(-30), new JsonObject
        {
            ["vehicleId"] = vehicleId,
            ["lat"] = lat,
            ["lon"] = lon,
            ["speedKmh"] = speedKmh,
            ["headingDeg"] = 90,
            ["accuracyM"] = 8,
        });

    private static JsonObject Envelope(string type, string id, string source, DateTimeOffset time, JsonObject data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = source,
        ["type"] = type,
        ["time"] = time.ToString("O"),
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };

    public static StringContent Structured(JsonNode e) => Content(e.ToJsonString(), "application/cloudevents+json");

    public static StringContent Batch(params JsonNode[] events) => Content(new JsonArray([.. events.Select(e => e.DeepClone())]).ToJsonString(), "application/cloudevents-batch+json");

    public static StringContent Content(string body, string contentType) => new(body, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue(contentType));

    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
