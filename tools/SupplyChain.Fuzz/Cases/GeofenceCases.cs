using System.Text.Json.Nodes;

namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// <c>PUT /api/geofences/{id}</c>: GeoJSON Features of each accepted kind, far out in the South
/// Pacific where no other test drives, with one or two things broken. Ids start with <c>fuzz-</c>
/// unless the id itself is what is odd; a run deletes every fence it created.
/// </summary>
internal static class GeofenceCases
{
    /// <summary>
    /// Ids a run puts its fences under, each replaced again and again: thousands of fences are an
    /// operator's configuration, every one checked on every ping, and a run that added a fence per case
    /// measured that configuration's cost instead of the input's.
    /// </summary>
    private const int FencePool = 16;

    private const double Lon = -140;
    private const double Lat = -45;

    public static FuzzCase Broken(Random random, CaseContext context)
    {
        var raw = new RawJson();
        var feature = Feature(random);
        var mutations = new List<string> { $"{feature["geometry"]!["type"]} {feature["properties"]!["kind"]}" };
        var rounds = random.Next(5) == 0 ? 0 : random.Next(4) == 0 ? 2 : 1;
        for (var i = 0; i < rounds; i++)
        {
            mutations.Add(Mutate(feature, raw, random));
        }

        var body = raw.Render(feature);
        if (random.Next(10) == 0)
        {
            (body, var name) = random.Next(2) == 0 ? BodyMutator.Mutate(body, random) : BodyMutator.Odd(random);
            mutations.Add(name);
        }

        var (id, idName) = random.Next(6) == 0 ? OddPaths.Segment(random, "fuzz-x") : ($"fuzz-{context.RunTag}-{context.Index % FencePool}", null);
        if (idName is not null)
        {
            mutations.Add(idName);
        }

        var headers = Credentials.WithBody(random, context.Keys.Admin, context.Keys, random.Next(2) == 0 ? "application/geo+json" : "application/json", mutations);

        return new FuzzCase(context.Index, "PUT /api/geofences/{id}", string.Join(" + ", mutations), HttpMethod.Put, $"/api/geofences/{id}")
        {
            Headers = headers,
            Body = body,
        };
    }

    private static JsonObject Feature(Random random)
    {
        var kind = new[] { "Depot", "Restricted", "Zone" }[random.Next(3)];
        var properties = new JsonObject { ["kind"] = kind, ["name"] = "fuzz" };
        JsonObject geometry;
        switch (random.Next(4))
        {
            case 0:
                geometry = Geometry("Polygon", new JsonArray(Ring(Lon, Lat, 0.01, 4 + random.Next(20))));
                break;
            case 1:
                geometry = Geometry("MultiPolygon", new JsonArray(new JsonArray(Ring(Lon, Lat, 0.01, 5)), new JsonArray(Ring(Lon + 0.1, Lat, 0.01, 6))));
                break;
            case 2:
                geometry = Geometry("Point", new JsonArray(Lon, Lat));
                properties["radiusM"] = 500;
                break;
            default:
                geometry = Geometry("LineString", new JsonArray(new JsonArray(Lon, Lat), new JsonArray(Lon + 0.05, Lat + 0.05)));
                properties["widthM"] = 200;
                break;
        }

        return new JsonObject { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };
    }

    private static string Mutate(JsonObject feature, RawJson raw, Random random)
    {
        // An earlier round may have replaced either with an odd value; changes to a stand-in then go nowhere.
        var geometry = feature["geometry"] as JsonObject ?? [];
        var properties = feature["properties"] as JsonObject ?? [];
        switch (random.Next(12))
        {
            case 0:
            {
                var type = new[] { "Circle", "", "polygon", "GeometryCollection", "Feature", "MultiPoint", "MultiLineString" }[random.Next(7)];
                geometry["type"] = type;
                return $"geometry type '{type}'";
            }

            case 1:
            {
                var piece = OddJson.Value(random);
                var target = random.Next(3) switch { 0 => "geometry.type", 1 => "geometry.coordinates", _ => "geometry" };
                if (target == "geometry")
                {
                    feature["geometry"] = raw.Value(piece.Json);
                }
                else
                {
                    geometry[target.Split('.')[1]] = raw.Value(piece.Json);
                }

                return $"{target}: {piece.Name}";
            }

            case 2:
            {
                // One number of a position: NaN, infinities, huge, a string, a nested array.
                var piece = OddJson.Value(random);
                var position = FirstPosition(geometry);
                if (position is null)
                {
                    return "no position to break";
                }

                position[random.Next(position.Count)] = raw.Value(piece.Json);
                return $"coordinate: {piece.Name}";
            }

            case 3:
            {
                var shape = random.Next(6);
                geometry["type"] = "Polygon";
                geometry["coordinates"] = shape switch
                {
                    0 => new JsonArray(new JsonArray(P(Lon, Lat), P(Lon + 0.01, Lat), P(Lon, Lat + 0.01))),
                    1 => new JsonArray(new JsonArray(P(Lon, Lat), P(Lon + 0.01, Lat + 0.01), P(Lon + 0.01, Lat), P(Lon, Lat + 0.01), P(Lon, Lat))),
                    2 => new JsonArray(new JsonArray(P(Lon, Lat), P(Lon, Lat), P(Lon, Lat), P(Lon, Lat))),
                    3 => new JsonArray(Ring(-180, -90, 360, 4)),
                    4 => new JsonArray(new JsonArray()),
                    _ => new JsonArray(Ring(Lon, Lat, 0.01, 5), Ring(Lon + 1, Lat + 1, 0.01, 5)),
                };
                return shape switch
                {
                    0 => "ring not closed",
                    1 => "self-intersecting ring",
                    2 => "zero-area ring",
                    3 => "ring around the whole world",
                    4 => "empty ring",
                    _ => "hole outside its shell",
                };
            }

            case 4:
            {
                // Many vertices, bounded so the body stays under a megabyte.
                var vertices = random.Next(3) == 0 ? 10_000 + random.Next(20_000) : 500 + random.Next(5000);
                geometry["type"] = "Polygon";
                geometry["coordinates"] = new JsonArray(Ring(Lon, Lat, 0.05, vertices));
                return $"ring of {vertices} vertices";
            }

            case 5:
            {
                var piece = OddJson.String(random);
                var value = random.Next(2) == 0 ? new OddPiece("x", OddJson.Quoted("x")) : OddJson.Value(random);
                properties[raw.Name(piece.Json)] = raw.Value(value.Json);
                return $"property name: {piece.Name} = {value.Name}";
            }

            case 6:
            {
                var name = new[] { "kind", "radiusM", "widthM", "name" }[random.Next(4)];
                var piece = random.Next(2) == 0 ? OddJson.String(random) : OddJson.Value(random);
                properties[name] = raw.Value(piece.Json);
                return $"properties.{name}: {piece.Name}";
            }

            case 7:
            {
                var value = new[] { "-1", "0", "1e12", "40075017", "1e-9", "-0" }[random.Next(6)];
                properties[geometry["type"]?.ToString() == "LineString" ? "widthM" : "radiusM"] = raw.Value(System.Text.Encoding.ASCII.GetBytes(value));
                return $"radius or width {value}";
            }

            case 8:
            {
                var piece = random.Next(3) == 0 ? OddJson.Nesting(random) : OddJson.Value(random);
                feature["properties"] = raw.Value(piece.Json);
                return $"properties: {piece.Name}";
            }

            case 9:
            {
                var type = new[] { "FeatureCollection", "Polygon", "feature", "" }[random.Next(4)];
                feature["type"] = type;
                return $"type '{type}'";
            }

            case 10:
            {
                var name = new[] { "type", "geometry", "properties" }[random.Next(3)];
                feature[raw.Name(OddJson.Quoted(name))] = raw.Value(OddJson.Value(random).Json);
                return $"duplicate member {name}";
            }

            default:
            {
                var name = new[] { "id", "bbox", "crs" }[random.Next(3)];
                var piece = OddJson.Value(random);
                feature[name] = raw.Value(piece.Json);
                return $"{name}: {piece.Name}";
            }
        }
    }

    private static JsonArray? FirstPosition(JsonObject geometry)
    {
        var node = geometry["coordinates"];
        while (node is JsonArray array && array.Count > 0)
        {
            if (array[0] is not JsonArray)
            {
                return array;
            }

            node = array[0];
        }

        return null;
    }

    private static JsonArray Ring(double lon, double lat, double size, int vertices)
    {
        var ring = new JsonArray();
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            ring.Add(P(Math.Round(lon + (size * Math.Cos(angle)), 7), Math.Round(lat + (size * Math.Sin(angle)), 7)));
        }

        ring.Add(P(Math.Round(lon + size, 7), lat));
        return ring;
    }

    private static JsonObject Geometry(string type, JsonArray coordinates) => new() { ["type"] = type, ["coordinates"] = coordinates };

    private static JsonArray P(double lon, double lat) => new(lon, lat);
}
