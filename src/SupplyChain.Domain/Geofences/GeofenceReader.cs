using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// Reads a geofence from a GeoJSON Feature: the geometry, <c>properties.kind</c> and, for circles
/// and corridors, <c>properties.radiusM</c> or <c>properties.widthM</c>. Every refusal carries a
/// reason an API caller can act on. Thread safe: stateless.
/// </summary>
public static class GeofenceReader
{
    private static readonly string[] SupportedTypes = ["Polygon", "MultiPolygon", "Point", "LineString"];

    /// <summary>Largest <c>properties</c> object kept with a fence, as JSON text: labels and colours, not documents.</summary>
    public const int MaxPropertiesLength = 16 * 1024;

    internal static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>A member named twice is refused: whichever value one reader keeps, another may take the other.</summary>
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Reads a Feature from JSON text. <paramref name="id"/>, when given, wins over the Feature's own id.</summary>
    public static GeofenceParseResult Read(string json, string? id = null, int maxVertices = TrackingOptions.DefaultMaxGeofenceVertices)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, Strict);
            if (!IsText(document.RootElement))
            {
                return NotText();
            }

            return Read(document.RootElement, id, maxVertices);
        }
        catch (JsonException ex)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidJson, $"The body is not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            // The parser's own check for names given twice reads every name as text, and fails on one that is not.
            return NotText();
        }
    }

    private static GeofenceParseResult NotText() => GeofenceParseResult.Fail(
        GeofenceErrorCode.InvalidJson, "The body holds a name or string that is not valid text (an unpaired surrogate).");

    /// <summary>
    /// Whether every name and string in <paramref name="element"/> is valid text. JSON may escape an
    /// unpaired surrogate (<c>\ud800</c>); the parser lets it through and only reading it as a string
    /// fails, which here would be deep inside a fence's later use (writing it back out, say).
    /// </summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!IsText(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!IsText(item))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads a Feature already parsed. <paramref name="id"/>, when given, wins over the Feature's own id.</summary>
    public static GeofenceParseResult Read(JsonElement feature, string? id = null, int maxVertices = TrackingOptions.DefaultMaxGeofenceVertices)
    {
        if (feature.ValueKind != JsonValueKind.Object
            || !feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidJson, "Expected a GeoJSON object with \"type\": \"Feature\".");
        }

        id ??= FeatureId(feature);
        if (string.IsNullOrWhiteSpace(id))
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.MissingId, "The geofence needs an id (in the path or the Feature's \"id\").");
        }

        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : (JsonElement?)null;
        if (properties?.GetRawText().Length > MaxPropertiesLength)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidJson, $"properties may hold at most {MaxPropertiesLength} characters of JSON.");
        }

        if (properties is not { } props || !props.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind == JsonValueKind.Null)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.MissingKind, "properties.kind is required: Depot, Restricted or Zone.");
        }

        if (!TryKind(kindElement, out var kind))
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.UnknownKind,
                $"properties.kind {Echo(kindElement.GetRawText())} is not one of Depot, Restricted, Zone.");
        }

        if (!feature.TryGetProperty("geometry", out var geometryElement) || geometryElement.ValueKind != JsonValueKind.Object)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidGeometry, "The Feature has no geometry object.");
        }

        var geometryType = geometryElement.TryGetProperty("type", out var gt) && gt.ValueKind == JsonValueKind.String ? gt.GetString() : null;
        if (geometryType is null)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidGeometry, "The geometry has no \"type\".");
        }

        if (!SupportedTypes.Contains(geometryType))
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.UnsupportedGeometry,
                $"Geometry type {Echo(geometryType)} is not supported; use Polygon, MultiPolygon, Point (with radiusM) or LineString (with widthM).");
        }

        Geometry? geometry;
        try
        {
            geometry = geometryElement.Deserialize<Geometry>(GeoJson);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidGeometry, $"The {geometryType} geometry is malformed: {ex.Message}");
        }

        return Geofence.Create(id, kind, geometry, Number(props, "radiusM"), Number(props, "widthM"), maxVertices, props);
    }

    /// <summary>A refused value as an error message repeats it: cut short, since it may be megabytes.</summary>
    private static string Echo(string value) => value.Length <= 64 ? value : $"{value[..64]}… ({value.Length} characters)";

    private static string? FeatureId(JsonElement feature) =>
        feature.TryGetProperty("id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            }
            : null;

    private static bool TryKind(JsonElement element, out GeofenceKind kind)
    {
        kind = default;

        // Enum.TryParse would also take "1" or "Depot,Zone"; only the names are part of the contract.
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<GeofenceKind>())
        {
            if (string.Equals(candidate.ToString(), element.GetString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }

    private static double? Number(JsonElement properties, string name) =>
        properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
