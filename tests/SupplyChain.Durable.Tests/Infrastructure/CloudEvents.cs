using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplyChain.Durable.Tests.Infrastructure;

/// <summary>Builds CloudEvents as carriers and devices send them, and reads the API's answers.</summary>
public static class CloudEvents
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);

    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)].ToUpperInvariant();

    public static JsonObject Scan(string trackingNumber, string scanType, DateTimeOffset time, string? id = null, string? vehicleId = null)
    {
        var data = new JsonObject
        {
            ["trackingNumber"] = trackingNumber,
            ["scanType"] = scanType,
            ["location"] = new JsonObject { ["lat"] = 51.9225, ["lon"] = 4.47917 },
            ["facilityId"] = "RTM-1",
        };
        if (vehicleId is not null)
        {
            data["vehicleId"] = vehicleId;
        }

        return Envelope("SupplyChain.ItemScanned", id ?? Guid.NewGuid().ToString("N"), "/carriers/acme/scanners/rtm-1", time, data);
    }

    public static JsonObject Ping(string vehicleId, double lat, double lon, DateTimeOffset time, string? id = null) =>
        Envelope("SupplyChain.GpsPing", id ?? Guid.NewGuid().ToString("N"), "/carriers/acme/devices/gps", time, new JsonObject
        {
            ["vehicleId"] = vehicleId,
            ["lat"] = lat,
            ["lon"] = lon,
            ["speedKmh"] = 60,
            ["headingDeg"] = 90,
            ["accuracyM"] = 8,
        });

    public static StringContent Batch(IEnumerable<JsonNode> events) =>
        new(new JsonArray([.. events.Select(e => e.DeepClone())]).ToJsonString(), Encoding.UTF8, "application/cloudevents-batch+json");

    /// <summary>Posts a batch; returns the status code (or null when the silo did not answer).</summary>
    public static async Task<HttpStatusCode?> TryPost(HttpClient client, IEnumerable<JsonNode> events)
    {
        try
        {
            using var response = await client.PostAsync("/api/events", Batch(events), TestContext.Current.CancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Posts a batch and asserts it was accepted.</summary>
    public static async Task PostAccepted(HttpClient client, params JsonNode[] events)
    {
        using var response = await client.PostAsync("/api/events", Batch(events), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>GETs <paramref name="path"/>; null on 404.</summary>
    public static async Task<JsonElement?> GetJson(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private static JsonObject Envelope(string type, string id, string source, DateTimeOffset time, JsonObject data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = source,
        ["type"] = type,
        ["time"] = time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };
}
