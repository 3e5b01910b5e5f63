using System.Text;
using System.Text.Json.Nodes;

namespace SupplyChain.Fuzz.Cases;

/// <summary>Breaks one thing of a structured CloudEvent (an attribute, an extension, a data field, the shape) and names what it broke.</summary>
internal static class EventMutator
{
    private static readonly string[] Attributes =
        ["id", "source", "subject", "specversion", "type", "time", "datacontenttype", "dataschema", "traceparent", "tracestate", "fuzzext"];

    private static readonly string[] PathLike =
        ["../../etc/passwd", "..\\..\\windows\\win.ini", "/", "//", ".", "..", "%2e%2e%2f", "a/../../b", "C:\\con\\con", "NUL", "~root", "?a=1#b"];

    /// <summary>Mutates <paramref name="e"/> in place; the mutation's name.</summary>
    public static string Mutate(JsonObject e, RawJson raw, Random random)
    {
        var data = e["data"] as JsonObject;
        switch (random.Next(14))
        {
            case 0:
            case 1:
            {
                var name = Pick(random, Attributes);
                var piece = OddJson.String(random);
                e[name] = raw.Value(piece.Json);
                return $"{name}: {piece.Name}";
            }

            case 2:
            {
                var piece = OddJson.String(random);
                e[raw.Name(piece.Json)] = "x";
                return $"extension name: {piece.Name}";
            }

            case 3:
            {
                var name = random.Next(3) switch
                {
                    0 => "Upper",
                    1 => new string('e', 20 + random.Next(100_000)),
                    _ => "with-dash",
                };
                var value = random.Next(2) == 0 ? new OddPiece("x", OddJson.Quoted("x")) : OddJson.Value(random);
                e[name] = raw.Value(value.Json);
                return $"extension name: {(name.Length > 20 ? "very long" : name)} = {value.Name}";
            }

            case 4 or 5 when data is not null:
                return MutateData(data, raw, random);

            case 6:
            {
                var piece = OddJson.Time(random);
                e["time"] = raw.Value(piece.Json);
                return piece.Name;
            }

            case 7:
            {
                var name = Pick(random, Attributes);
                var piece = OddJson.Value(random);
                e[name] = raw.Value(piece.Json);
                return $"{name}: {piece.Name}";
            }

            case 8:
            {
                // A second member of the same name: the last one, the first one, or an error are all fair answers; a 500 is not.
                var name = random.Next(4) == 0 && data is not null ? "data" : Pick(random, Attributes);
                var target = name == "data" ? e : (random.Next(3) == 0 && data is not null ? data : e);
                var duplicate = target == data ? DataField(random, data!).Split('.')[0] : name;
                target[raw.Name(Encoding.UTF8.GetBytes($"\"{duplicate}\""))] = raw.Value(random.Next(2) == 0 ? OddJson.Value(random).Json : OddJson.Quoted("dup"));
                return $"duplicate member {(target == data ? "data." : "")}{duplicate}";
            }

            case 9:
            {
                if (data is not null && random.Next(2) == 0)
                {
                    var field = DataField(random, data);
                    RemovePath(data, field);
                    return $"data.{field} missing";
                }

                var name = Pick(random, Attributes);
                e.Remove(name);
                return $"{name} missing";
            }

            case 10:
            {
                var piece = OddJson.Nesting(random);
                if (data is not null && random.Next(2) == 0)
                {
                    data["note"] = raw.Value(piece.Json);
                    return $"data.note: {piece.Name}";
                }

                e["fuzzext"] = raw.Value(piece.Json);
                return $"extension: {piece.Name}";
            }

            case 11:
            {
                var value = Pick(random, PathLike);
                var name = random.Next(3) switch { 0 => "id", 1 => "source", _ => "subject" };
                e[name] = value;
                if (name == "subject" && data is not null)
                {
                    data[data.ContainsKey("trackingNumber") ? "trackingNumber" : "vehicleId"] = value;
                }

                return $"path-like {name} {value}";
            }

            case 12:
            {
                var piece = random.Next(3) == 0 ? OddJson.String(random) : OddJson.Value(random);
                e["data"] = raw.Value(piece.Json);
                if (random.Next(3) == 0)
                {
                    e.Remove("data");
                    e["data_base64"] = random.Next(2) == 0 ? "AAEC" : "!!!";
                    return "data_base64 instead of data";
                }

                return $"data: {piece.Name}";
            }

            default:
            {
                // Valid but unusual text in the subject and its data field: the event may well be accepted.
                var piece = OddJson.String(random);
                e["subject"] = raw.Value(piece.Json);
                if (data is not null)
                {
                    data[data.ContainsKey("trackingNumber") ? "trackingNumber" : "vehicleId"] = raw.Value(piece.Json);
                }

                return $"subject and its data field: {piece.Name}";
            }
        }
    }

    /// <summary>Puts an odd string or value in one field of an event's <paramref name="data"/>; the mutation's name.</summary>
    public static string MutateData(JsonObject data, RawJson raw, Random random)
    {
        var field = DataField(random, data);
        var piece = random.Next(2) == 0 ? OddJson.String(random) : OddJson.Value(random);
        SetPath(data, field, raw.Value(piece.Json));
        return $"data.{field}: {piece.Name}";
    }

    private static string DataField(Random random, JsonObject data)
    {
        string[] fields = data.ContainsKey("trackingNumber")
            ? ["trackingNumber", "scanType", "location", "location.lat", "location.lon", "facilityId", "vehicleId", "note"]
            : ["vehicleId", "lat", "lon", "speedKmh", "headingDeg", "accuracyM"];
        return Pick(random, fields);
    }

    private static void SetPath(JsonObject data, string path, JsonNode value)
    {
        var parts = path.Split('.');
        if (parts.Length == 2 && data[parts[0]] is JsonObject inner)
        {
            inner[parts[1]] = value;
        }
        else
        {
            data[parts[0]] = value;
        }
    }

    private static void RemovePath(JsonObject data, string path)
    {
        var parts = path.Split('.');
        if (parts.Length == 2 && data[parts[0]] is JsonObject inner)
        {
            inner.Remove(parts[1]);
        }
        else
        {
            data.Remove(parts[0]);
        }
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
