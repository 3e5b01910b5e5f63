using System.Text.Json.Nodes;

namespace SupplyChain.Fuzz.Cases;

/// <summary><c>PUT /api/shipments/{trackingNumber}</c>: shipment plans of shipments of their own, with one or two things broken.</summary>
internal static class PlanCases
{
    private static readonly string[] Fields =
        ["carrierId", "origin", "origin.lat", "origin.lon", "destination", "destination.lat", "destinationRadiusM", "promisedBy", "route", "route.type", "route.coordinates", "corridorWidthM"];

    public static FuzzCase Broken(Random random, CaseContext context)
    {
        var raw = new RawJson();
        var plan = new JsonObject
        {
            ["carrierId"] = "FUZZ",
            ["origin"] = new JsonObject { ["lat"] = 51.92, ["lon"] = 4.48 },
            ["destination"] = new JsonObject { ["lat"] = 51.43, ["lon"] = 6.76 },
            ["destinationRadiusM"] = 300,
            ["promisedBy"] = EventJson.Time(context.Now.AddDays(2)),
            ["route"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray(new JsonArray(4.48, 51.92), new JsonArray(6.76, 51.43)) },
            ["corridorWidthM"] = 1000,
        };
        var mutations = new List<string>();
        for (var i = random.Next(5) == 0 ? 2 : 1; i > 0; i--)
        {
            mutations.Add(Mutate(plan, raw, random));
        }

        var body = raw.Render(plan);
        if (random.Next(8) == 0)
        {
            (body, var name) = random.Next(2) == 0 ? BodyMutator.Mutate(body, random) : BodyMutator.Odd(random);
            mutations.Add(name);
        }

        var (trackingNumber, idName) = random.Next(5) == 0 ? OddPaths.Segment(random, "FZP-x") : ($"FZP-{context.RunTag}-{context.Index}", null);
        if (idName is not null)
        {
            mutations.Add(idName);
        }

        var headers = Credentials.WithBody(random, context.Keys.Carrier, context.Keys, "application/json", mutations);

        return new FuzzCase(context.Index, "PUT /api/shipments/{id}", string.Join(" + ", mutations), HttpMethod.Put, $"/api/shipments/{trackingNumber}")
        {
            Headers = headers,
            Body = body,
        };
    }

    private static string Mutate(JsonObject plan, RawJson raw, Random random)
    {
        var field = Fields[random.Next(Fields.Length)];
        switch (random.Next(5))
        {
            case 0:
            {
                var piece = OddJson.Time(random);
                plan["promisedBy"] = raw.Value(piece.Json);
                return $"promisedBy {piece.Name}";
            }

            case 1:
            {
                var count = random.Next(3) == 0 ? 10_000 + random.Next(30_000) : random.Next(0, 3);
                var coordinates = new JsonArray();
                for (var i = 0; i < count; i++)
                {
                    coordinates.Add(new JsonArray(4 + (i * 1e-4), 51 + (i * 1e-4)));
                }

                plan["route"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = coordinates };
                return $"route of {count} positions";
            }

            case 2:
            {
                var piece = OddJson.String(random);
                plan[raw.Name(piece.Json)] = 1;
                return $"member name: {piece.Name}";
            }

            default:
            {
                var piece = random.Next(2) == 0 ? OddJson.Value(random) : OddJson.String(random);
                Set(plan, field, raw.Value(piece.Json));
                return $"{field}: {piece.Name}";
            }
        }
    }

    private static void Set(JsonObject plan, string path, JsonNode value)
    {
        var parts = path.Split('.');
        if (parts.Length == 2 && plan[parts[0]] is JsonObject inner)
        {
            inner[parts[1]] = value;
        }
        else
        {
            plan[parts[0]] = value;
        }
    }
}
