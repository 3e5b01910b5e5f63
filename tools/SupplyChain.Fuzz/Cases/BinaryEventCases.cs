using System.Text;
using System.Text.Json.Nodes;

namespace SupplyChain.Fuzz.Cases;

/// <summary><c>POST /api/events</c> in binary mode: the attributes in <c>ce-*</c> headers, the body the event's data.</summary>
internal static class BinaryEventCases
{
    private static readonly string[] AttributeHeaders =
        ["ce-id", "ce-source", "ce-type", "ce-time", "ce-subject", "ce-specversion", "ce-dataschema", "ce-datacontenttype", "ce-traceparent", "ce-tracestate", "ce-fuzzext"];

    private static readonly (string Name, string Value)[] OddValues =
    [
        ("percent-encoded surrogate bytes", "%ED%A0%80"),
        ("percent-encoded FF", "A%FFB"),
        ("lone percent sign", "%"),
        ("bad percent escape", "%zz"),
        ("percent-encoded NUL", "a%00b"),
        ("percent-encoded CR LF", "a%0D%0AX-Injected:%201"),
        ("IIS-style %u escape", "%u0041"),
        ("percent-encoded overlong UTF-8", "%C0%AF"),
        ("percent-encoded truncated UTF-8", "%E2%9C"),
        ("percent-encoded emoji", "%F0%9F%9A%9A"),
        ("percent-encoded traversal", "%2e%2e%2fetc%2fpasswd"),
        ("raw surrogate bytes", "\u00ED\u00A0\u0080"),
        ("raw byte FF", "a\u00FFb"),
        ("raw control character 01", "a\u0001b"),
        ("raw DEL", "a\u007Fb"),
        ("tab inside", "a\tb"),
        ("empty", ""),
        ("blank", " "),
        ("path traversal", "../../etc/passwd"),
        ("percent signs doubled", "%%41%%"),
    ];

    /// <summary>The <c>ce-*</c> headers of a structured event's attributes.</summary>
    public static IEnumerable<KeyValuePair<string, string>> HeadersOf(JsonObject e) =>
        e.Where(p => p.Key is not ("data" or "datacontenttype") && p.Value is JsonValue)
            .Select(p => Credentials.Header("ce-" + p.Key, Uri.EscapeDataString(p.Value!.GetValue<string>())));

    public static FuzzCase Valid(CaseContext context, JsonObject e, List<KeyValuePair<string, string>> headers)
    {
        headers.AddRange(HeadersOf(e));
        return EventCases.Post(context, "POST /api/events binary", "valid", headers, "application/json", Encoding.UTF8.GetBytes(e["data"]!.ToJsonString()));
    }

    /// <summary>A binary-mode event with an odd header, a header missing or repeated, or broken data.</summary>
    public static FuzzCase Broken(Random random, CaseContext context)
    {
        var raw = new RawJson();
        var e = EventJson.Random(random, $"{context.RunTag}-{context.Index}", context.Now);
        var attributes = HeadersOf(e).ToList();
        var contentType = "application/json";
        var data = (JsonObject)e["data"]!;
        byte[]? body = null;
        var mutations = new List<string>();
        var rounds = random.Next(4) == 0 ? 2 : 1;
        for (var round = 0; round < rounds; round++)
        {
            switch (random.Next(10))
            {
                case 0:
                case 1:
                case 2:
                {
                    var name = AttributeHeaders[random.Next(AttributeHeaders.Length)];
                    var (valueName, value) = random.Next(8) == 0
                        ? ("very long", new string('v', 1024 + random.Next(40_000)))
                        : OddValues[random.Next(OddValues.Length)];
                    attributes.RemoveAll(h => h.Key == name);
                    attributes.Add(Credentials.Header(name, value));
                    mutations.Add($"{name}: {valueName}");
                    break;
                }

                case 3:
                {
                    var name = random.Next(7) switch
                    {
                        0 => "ce-",
                        1 => "ce-UPPER",
                        2 => "ce-with_underscore",
                        3 => "ce-" + new string('x', 300 + random.Next(5000)),
                        4 => "CE-ID",
                        5 => "ce-data",
                        _ => "ce-data_base64",
                    };
                    attributes.Add(Credentials.Header(name, "x"));
                    mutations.Add($"extra header {(name.Length > 40 ? "ce-<very long>" : name)}");
                    break;
                }

                case 4 when attributes.Count > 0:
                {
                    var missing = attributes[random.Next(attributes.Count)].Key;
                    attributes.RemoveAll(h => h.Key == missing);
                    mutations.Add($"{missing} missing");
                    break;
                }

                case 5 when attributes.Count > 0:
                {
                    var repeated = attributes[random.Next(attributes.Count)];
                    attributes.Add(Credentials.Header(repeated.Key, random.Next(2) == 0 ? repeated.Value : "other"));
                    mutations.Add($"{repeated.Key} twice");
                    break;
                }

                case 6:
                {
                    var piece = OddJson.Time(random);
                    attributes.RemoveAll(h => h.Key == "ce-time");
                    attributes.Add(Credentials.Header("ce-time", Uri.EscapeDataString(Encoding.UTF8.GetString(piece.Json).Trim('"'))));
                    mutations.Add(piece.Name);
                    break;
                }

                case 7:
                    mutations.Add(EventMutator.MutateData(data, raw, random));
                    break;
                case 8:
                {
                    (body, var name) = random.Next(2) == 0 ? BodyMutator.Odd(random) : BodyMutator.Mutate(raw.Render(data), random);
                    mutations.Add(name);
                    break;
                }

                default:
                    contentType = random.Next(3) switch
                    {
                        0 => "application/json; charset=utf-16",
                        1 => "application/json; charset=\"\u00ED\"",
                        _ => "application/json; " + new string('p', 2000) + "=1",
                    };
                    mutations.Add($"content type {EventCases.Show(contentType)}");
                    break;
            }
        }

        var (headers, keyOddity) = Credentials.Pick(random, context.Keys.Carrier, context.Keys);
        if (keyOddity is not null)
        {
            mutations.Add(keyOddity);
        }

        headers.AddRange(attributes);
        return EventCases.Post(context, "POST /api/events binary", string.Join(" + ", mutations), headers, contentType, body ?? raw.Render(data));
    }
}
