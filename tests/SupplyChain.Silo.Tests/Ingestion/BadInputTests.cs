using System.Net;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

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
        "tracking number with a path", "tracking number over its bound", "tracking number with a control character",
        "time before the past window", "time at the start of the calendar", "source not a URI-reference", "source with a dot segment",
        "source over its bound", "id over its bound", "note over its bound", "attribute named twice", "data member named twice",
        "unpaired surrogate in an attribute", "invalid UTF-8 in an attribute", "unpaired surrogate in an extension name",
        "event over its byte bound", "an id of half a megabyte", "too many extensions", "facility id with a slash", "binary header with two values",
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
            case "tracking number with a path":
                data["trackingNumber"] = "../../etc/passwd";
                fragment = "data.trackingNumber does not start with a letter or digit";
                break;
            case "tracking number over its bound":
                data["trackingNumber"] = tn + new string('9', 64);
                fragment = "characters. A tracking number has 1 to 64 characters";
                break;
            case "tracking number with a control character":
                data["trackingNumber"] = tn + "\u0001";
                fragment = "data.trackingNumber has a character that is not allowed";
                break;
            case "time before the past window":
                scan["time"] = DateTimeOffset.UtcNow.AddDays(-31).ToString("O");
                fragment = "days in the past";
                break;
            case "time at the start of the calendar":
                scan["time"] = "0001-01-01T00:00:00Z";
                fragment = "days in the past";
                break;
            case "source not a URI-reference":
                scan["source"] = "/carriers/acme scanners";
                fragment = "URI-reference";
                break;
            case "source with a dot segment":
                scan["source"] = "/carriers/acme/../beta/s1";
                fragment = "path segments";
                break;
            case "source over its bound":
                scan["source"] = "/carriers/acme/" + new string('s', 600);
                fragment = "source has 615 characters";
                break;
            case "id over its bound":
                scan["id"] = new string('i', 300);
                fragment = "id has 300 characters";
                break;
            case "note over its bound":
                data["note"] = new string('n', 2001);
                fragment = "data.note has 2001 characters";
                break;
            case "attribute named twice":
                content = Content(scan.ToJsonString()[..^1] + ",\"id\":\"other\"}", "application/cloudevents+json");
                fragment = "appears more than once";
                break;
            case "data member named twice":
                content = Content(scan.ToJsonString().Replace("\"scanType\":", $"\"trackingNumber\":\"{tn}X\",\"scanType\":", StringComparison.Ordinal), "application/cloudevents+json");
                fragment = "data has the wrong shape";
                break;
            case "unpaired surrogate in an attribute":
                var pair = new JsonArray(Ping("TRUCK-1", 51, 4), scan.DeepClone()).ToJsonString();
                content = Content(pair.Replace($"\"id\":\"{scan["id"]}\"", "\"id\":\"x\\ud800\"", StringComparison.Ordinal), "application/cloudevents-batch+json");
                fragment = "\"index\":1";
                break;
            case "invalid UTF-8 in an attribute":
                content = Bytes(scan.ToJsonString(), "\"source\":\"/carriers", [0xC3, 0x28]);
                fragment = "source";
                break;
            case "unpaired surrogate in an extension name":
                content = Content(scan.ToJsonString()[..^1] + ",\"ex\\udc00\":\"v\"}", "application/cloudevents+json");
                fragment = "not valid text";
                break;
            case "event over its byte bound":
                data["padding"] = new string('p', 20_000);
                fragment = "bytes of JSON";
                break;
            case "an id of half a megabyte":
                scan["id"] = new string('i', 500_000);
                fragment = "\"errors\":[{\"index\":0,\"id\":null,\"message\":\"The event has 500";
                break;
            case "too many extensions":
                for (var i = 0; i < 17; i++)
                {
                    scan[$"x{i}"] = i;
                }

                fragment = "at most 16 extension attributes";
                break;
            case "facility id with a slash":
                data["facilityId"] = "RTM/1";
                fragment = "data.facilityId";
                break;
            case "binary header with two values":
                var binary = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Content(data.ToJsonString(), "application/json") };
                binary.Headers.TryAddWithoutValidation("ce-specversion", "1.0");
                binary.Headers.TryAddWithoutValidation("ce-id", "b-1");
                binary.Headers.TryAddWithoutValidation("ce-source", ["/carriers/acme", "/carriers/beta"]);
                binary.Headers.TryAddWithoutValidation("ce-type", "SupplyChain.ItemScanned");
                binary.Headers.TryAddWithoutValidation("ce-time", DateTimeOffset.UtcNow.ToString("O"));
                // HTTP folds a header's values into one, comma-separated: not a URI-reference.
                return (binary, status, "source has a character at position 16");
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such case.");
        }

        return (new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = content ?? Structured(scan) }, status, fragment);
    }

    /// <summary>The structured event with raw bytes inserted after <paramref name="marker"/>: what no JSON writer would send.</summary>
    private static ByteArrayContent Bytes(string json, string marker, byte[] inserted)
    {
        var at = json.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        byte[] body = [.. System.Text.Encoding.UTF8.GetBytes(json[..at]), .. inserted, .. System.Text.Encoding.UTF8.GetBytes(json[at..])];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json");
        return content;
    }

    private static JsonObject RemoveData(JsonObject e, string field)
    {
        ((JsonObject)e["data"]!).Remove(field);
        return e;
    }
}
