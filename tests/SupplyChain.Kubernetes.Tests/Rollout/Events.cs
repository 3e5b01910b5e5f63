using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplyChain.Kubernetes.Tests.Rollout;

/// <summary>CloudEvents as carriers and devices send them, and the API's answers.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);

    public static readonly string[] Steps = ["PickedUp", "ArrivedAtFacility", "DepartedFacility", "LoadedOnVehicle", "OutForDelivery", "Delivered"];

    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)].ToUpperInvariant();

    public static JsonObject Scan(string trackingNumber, string scanType, DateTimeOffset time, string? vehicleId = null)
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

        return Envelope("SupplyChain.ItemScanned", "/carriers/acme/scanners/rtm-1", time, data);
    }

    public static JsonObject Ping(string vehicleId, double lat, double lon, DateTimeOffset time) =>
        Envelope("SupplyChain.GpsPing", "/carriers/acme/devices/gps", time, new JsonObject
        {
            ["vehicleId"] = vehicleId,
            ["lat"] = lat,
            ["lon"] = lon,
            ["speedKmh"] = 60,
            ["headingDeg"] = 90,
            ["accuracyM"] = 8,
        });

    public static byte[] Batch(IEnumerable<JsonNode> events) =>
        Encoding.UTF8.GetBytes(new JsonArray([.. events.Select(e => e.DeepClone())]).ToJsonString());

    public static ByteArrayContent Content(byte[] body) => WithType(new ByteArrayContent(body));

    public static T WithType<T>(T content)
        where T : HttpContent
    {
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents-batch+json") { CharSet = "utf-8" };
        return content;
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
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return doc.RootElement.Clone();
    }

    public static DateTimeOffset TimeOf(JsonNode e) => DateTimeOffset.Parse(e["time"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static JsonObject Envelope(string type, string source, DateTimeOffset time, JsonObject data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["source"] = source,
        ["type"] = type,
        ["time"] = time.ToString("O", CultureInfo.InvariantCulture),
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };
}
