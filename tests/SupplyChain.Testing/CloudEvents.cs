using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplyChain.Testing;

/// <summary>
/// Builds CloudEvents as carriers and devices send them, as JSON nodes a test can break, and
/// posts them and reads the API's answers.
/// </summary>
public static class CloudEvents
{
    /// <summary>When this test process started: events default to half an hour before it.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>Two hours before this test process started: a journey's events count from here.</summary>
    public static readonly DateTimeOffset T0 = Now.AddHours(-2);

    /// <summary>A fresh identifier: <paramref name="prefix"/>, a dash and 12 hex digits.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A fresh identifier in upper case, as tracking numbers and vehicle ids are written.</summary>
    public static string NewKey(string prefix) => NewId(prefix).ToUpperInvariant();

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

    /// <summary>The event's <c>time</c>.</summary>
    public static DateTimeOffset TimeOf(JsonNode e) => DateTimeOffset.Parse(e["time"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>One event in structured mode.</summary>
    public static StringContent Structured(JsonNode e) => Content(e.ToJsonString(), "application/cloudevents+json");

    /// <summary>A batch of events (copies: the nodes stay free for other batches).</summary>
    public static StringContent Batch(params IEnumerable<JsonNode> events) => Content(BatchBody(events), "application/cloudevents-batch+json");

    /// <summary>The JSON text of a batch of events.</summary>
    public static string BatchBody(IEnumerable<JsonNode> events) => new JsonArray([.. events.Select(e => e.DeepClone())]).ToJsonString();

    public static StringContent Content(string body, string contentType) => new(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));

    /// <summary>Posts a batch; returns the status code, or null when the silo did not answer.</summary>
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

    /// <summary>
    /// Posts a batch and asserts it was accepted. A 503 (the stream provider could not take the events,
    /// so nothing was accepted) is posted again, as carriers' clients do, until the deadline: a loaded
    /// machine's slow queue service is not what these tests are about.
    /// </summary>
    public static async Task PostAccepted(HttpClient client, params IEnumerable<JsonNode> events)
    {
        var body = BatchBody(events);
        var status = await Eventually.Until(
            async () =>
            {
                using var response = await client.PostAsync(
                    "/api/events", Content(body, "application/cloudevents-batch+json"), TestContext.Current.CancellationToken);
                return response.StatusCode;
            },
            code => code != HttpStatusCode.ServiceUnavailable,
            "the batch to be taken (503 while the stream provider is busy)");
        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    /// <summary>GETs <paramref name="path"/>; null on 404, and on 503 too when <paramref name="nullWhileUnavailable"/>.</summary>
    public static async Task<JsonElement?> GetJson(HttpClient client, string path, bool nullWhileUnavailable = false)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound
            || (nullWhileUnavailable && response.StatusCode == HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Json();
    }

    /// <summary>The response's body as JSON.</summary>
    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
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
        ["time"] = time.ToString("O", CultureInfo.InvariantCulture),
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };
}
