using System.Text.Json.Nodes;

namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// <c>POST /api/subscriptions</c>: webhook subscriptions to a closed loopback port for a shipment
/// that does not exist, with one or two things broken; a run deletes every subscription it created.
/// </summary>
internal static class SubscriptionCases
{
    private static readonly string[] Urls =
    [
        "", "not a url", "javascript:alert(1)", "http://[::1", "http://127.0.0.1:99999/", "file:///etc/passwd", "ftp://127.0.0.1/",
        "http://user:pass@127.0.0.1:9/", "https://", "//127.0.0.1:9/", "http://127.0.0.1:9/%ED%A0%80", "http://\u00FC.example/",
        "http://127.0.0.1:9/" + new string('p', 70_000), "HTTP://127.0.0.1:9/", "http://0x7f000001:9/", "http://[::ffff:127.0.0.1]:9/",
    ];

    public static FuzzCase Broken(Random random, CaseContext context)
    {
        var raw = new RawJson();
        var body = new JsonObject
        {
            ["url"] = "http://127.0.0.1:9/fuzz-hooks",
            ["types"] = new JsonArray("SupplyChain.GeofenceBreached"),
            ["trackingNumbers"] = new JsonArray($"FZS-{context.RunTag}-none"),
            ["vehicleIds"] = new JsonArray(),
            ["description"] = "fuzz",
        };
        var mutations = new List<string>();
        for (var i = random.Next(5) == 0 ? 2 : 1; i > 0; i--)
        {
            mutations.Add(Mutate(body, raw, random));
        }

        var bytes = raw.Render(body);
        if (random.Next(8) == 0)
        {
            (bytes, var name) = random.Next(2) == 0 ? BodyMutator.Mutate(bytes, random) : BodyMutator.Odd(random);
            mutations.Add(name);
        }

        var headers = Credentials.WithBody(random, random.Next(3) == 0 ? context.Keys.Carrier : context.Keys.Admin, context.Keys, "application/json", mutations);

        return new FuzzCase(context.Index, "POST /api/subscriptions", string.Join(" + ", mutations), HttpMethod.Post, "/api/subscriptions")
        {
            Headers = headers,
            Body = bytes,
        };
    }

    private static string Mutate(JsonObject body, RawJson raw, Random random)
    {
        switch (random.Next(7))
        {
            case 0:
            {
                var url = Urls[random.Next(Urls.Length)];
                body["url"] = url;
                return $"url {(url.Length > 60 ? "very long" : url)}";
            }

            case 1:
            {
                var name = new[] { "types", "trackingNumbers", "vehicleIds" }[random.Next(3)];
                var count = random.Next(3) == 0 ? 10_000 + random.Next(20_000) : 1 + random.Next(5);
                body[name] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)$"FZS-{i}")]);
                return $"{name} of {count}";
            }

            case 2:
                body["handshake"] = true;
                return "handshake with a closed port";
            case 3:
            {
                var piece = OddJson.String(random);
                body[raw.Name(piece.Json)] = "x";
                return $"member name: {piece.Name}";
            }

            case 4:
            {
                var name = new[] { "types", "trackingNumbers", "vehicleIds" }[random.Next(3)];
                var piece = OddJson.String(random);
                body[name] = new JsonArray(raw.Value(piece.Json));
                return $"{name}[0]: {piece.Name}";
            }

            default:
            {
                var name = new[] { "url", "types", "trackingNumbers", "vehicleIds", "description", "handshake" }[random.Next(6)];
                var piece = random.Next(2) == 0 ? OddJson.Value(random) : OddJson.String(random);
                body[name] = raw.Value(piece.Json);
                return $"{name}: {piece.Name}";
            }
        }
    }
}
