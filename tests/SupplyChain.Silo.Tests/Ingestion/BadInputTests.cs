using System.Net;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Silo.Tests.Infrastructure.CloudEvents;

namespace SupplyChain.Silo.Tests.Ingestion;

/// <summary>Every kind of bad input the contract names gets its 4xx with problem details, never a 500.</summary>
public sealed class BadInputTests(SiloFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Case name, then (status, fragment of the problem's detail or errors).</summary>
    public static TheoryData<string> Cases =>
    [
        "malformed JSON", "missing specversion", "wrong specversion", "missing id", "missing source", "missing type",
        "missing time", "unknown type", "data not an object", "data field of the wrong type", "missing trackingNumber",
        "missing vehicleId", "unknown scanType", "numeric scanType", "LoadedOnVehicle without vehicleId", "scan subject disagrees",
        "ping subject disagrees", "latitude out of range", "longitude out of range", "NaN latitude", "infinite longitude",
        "time too far ahead", "body over the limit", "too many events", "empty batch", "batch not an array",
        "other content type", "no content type", "binary without specversion", "missing key", "unknown key",
        "source not owned", "non-JSON datacontenttype", "negative speed",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_BadInput_AnswersProblemDetailsAndAcceptsNothing(string name)
    {
        var tn = NewId("BAD");
        var (request, status, fragment) = Build(name, tn);
        using var client = fixture.Silo.Client(KeyFor(name));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(body.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"Expected '{fragment}' in: {body}");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Silo.Client().GetAsync($"/api/shipments/{tn}", Ct)).StatusCode);
    }

    private static string? KeyFor(string name) => name switch
    {
        "missing key" => null,
        "unknown key" => "not-a-key",
        "source not owned" => RunningSilo.AcmeKey,
        _ => RunningSilo.CarrierKey,
    };

    private static (HttpRequestMessage Request, HttpStatusCode Status, string Fragment) Build(string name, string tn)
    {
        var scan = Scan(tn, "PickedUp");
        var data = (JsonObject)scan["data"]!;
        HttpContent? content = null;
        var status = HttpStatusCode.BadRequest;
        string fragment;
        switch (name)
        {
            case "malformed JSON":
                content = Content("{\"specversion\":\"1.0\",", "application/cloudevents+json");
                fragment = "not valid JSON";
                break;
            case "missing specversion":
                scan.Remove("specversion");
                fragment = "specversion";
                break;
            case "wrong specversion":
                scan["specversion"] = "0.3";
                fragment = "specversion";
                break;
            case "missing id":
                scan.Remove("id");
                fragment = "id";
                break;
            case "missing source":
                scan.Remove("source");
                fragment = "source";
                break;
            case "missing type":
                scan.Remove("type");
                fragment = "type";
                break;
            case "missing time":
                scan.Remove("time");
                fragment = "time";
                break;
            case "unknown type":
                scan["type"] = "SupplyChain.Teleported";
                fragment = "Unknown type";
                break;
            case "data not an object":
                scan["data"] = "PickedUp";
                fragment = "JSON object";
                break;
            case "data field of the wrong type":
                data["location"] = new JsonObject { ["lat"] = "north", ["lon"] = 4.4 };
                fragment = "wrong shape";
                break;
            case "missing trackingNumber":
                data.Remove("trackingNumber");
                fragment = "trackingNumber";
                break;
            case "missing vehicleId":
                content = Structured(RemoveData(Ping("X", 51, 4), "vehicleId"));
                fragment = "vehicleId";
                break;
            case "unknown scanType":
                data["scanType"] = "Teleported";
                fragment = "scanType";
                break;
            case "numeric scanType":
                data["scanType"] = "3";
                fragment = "scanType";
                break;
            case "LoadedOnVehicle without vehicleId":
                data["scanType"] = "LoadedOnVehicle";
                fragment = "vehicleId";
                break;
            case "scan subject disagrees":
                scan["subject"] = "SOMETHING-ELSE";
                fragment = "subject";
                break;
            case "ping subject disagrees":
                var ping = Ping("TRUCK-1", 51, 4);
                ping["subject"] = "TRUCK-2";
                content = Batch(scan, ping);
                fragment = "subject";
                break;
            case "latitude out of range":
                data["location"] = new JsonObject { ["lat"] = 90.5, ["lon"] = 4.4 };
                fragment = "lat";
                break;
            case "longitude out of range":
                content = Batch(scan, Ping("TRUCK-1", 51, -180.01));
                fragment = "lon";
                break;
            case "NaN latitude":
                content = Content(Ping("TRUCK-1", 51, 4).ToJsonString().Replace("\"lat\":51", "\"lat\":\"NaN\"", StringComparison.Ordinal), "application/cloudevents+json");
                fragment = "wrong shape";
                break;
            case "infinite longitude":
                content = Batch(scan, JsonNode.Parse(Ping("TRUCK-1", 51, 4).ToJsonString().Replace("\"lon\":4", "\"lon\":1e999", StringComparison.Ordinal))!);
                fragment = "lon Infinity";
                break;
            case "time too far ahead":
                scan["time"] = DateTimeOffset.UtcNow.AddMinutes(10).ToString("O");
                fragment = "future";
                break;
            case "body over the limit":
                data["note"] = new string('x', 1024 * 1024);
                status = HttpStatusCode.RequestEntityTooLarge;
                fragment = "exceeds";
                break;
            case "too many events":
                content = Batch([.. Enumerable.Range(0, 1001).Select(i => (JsonNode)Ping("TRUCK-" + i, 51, 4))]);
                status = HttpStatusCode.RequestEntityTooLarge;
                fragment = "at most 1000";
                break;
            case "empty batch":
                content = Content("[]", "application/cloudevents-batch+json");
                fragment = "empty";
                break;
            case "batch not an array":
                content = Content(scan.ToJsonString(), "application/cloudevents-batch+json");
                fragment = "array";
                break;
            case "other content type":
                content = Content(scan.ToJsonString(), "text/plain");
                status = HttpStatusCode.UnsupportedMediaType;
                fragment = "text/plain";
                break;
            case "no content type":
                content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(scan.ToJsonString()));
                status = HttpStatusCode.UnsupportedMediaType;
                fragment = "content mode";
                break;
            case "binary without specversion":
                content = Content(data.ToJsonString(), "application/json");
                fragment = "ce-specversion";
                break;
            case "missing key":
                status = HttpStatusCode.Unauthorized;
                fragment = "X-Api-Key";
                break;
            case "unknown key":
                status = HttpStatusCode.Unauthorized;
                fragment = "known key";
                break;
            case "source not owned":
                scan["source"] = "/carriers/other/scanners/1";
                status = HttpStatusCode.Forbidden;
                fragment = "/carriers/other/scanners/1";
                break;
            case "non-JSON datacontenttype":
                scan["datacontenttype"] = "text/csv";
                fragment = "datacontenttype";
                break;
            case "negative speed":
                var slow = Ping("TRUCK-1", 51, 4);
                ((JsonObject)slow["data"]!)["speedKmh"] = -3;
                content = Batch(scan, slow);
                fragment = "speedKmh";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such case.");
        }

        return (new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = content ?? Structured(scan) }, status, fragment);
    }

    private static JsonObject RemoveData(JsonObject e, string field)
    {
        ((JsonObject)e["data"]!).Remove(field);
        return e;
    }
}
