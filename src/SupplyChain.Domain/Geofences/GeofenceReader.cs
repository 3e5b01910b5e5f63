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

    internal static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>Reads a Feature from JSON text. <paramref name="id"/>, when given, wins over the Feature's own id.</summary>
    public static GeofenceParseResult Read(string json, string? id = null, int maxVertices = TrackingOptions.DefaultMaxGeofenceVertices)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, id, maxVertices);
        }
        catch (JsonException ex)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.InvalidJson, $"The body is not valid JSON: {ex.Message}");
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
        if (properties is not { } props || !props.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind == JsonValueKind.Null)
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.MissingKind, "properties.kind is required: Depot, Restricted or Zone.");
        }

        if (!TryKind(kindElement, out var kind))
        {
            return GeofenceParseResult.Fail(GeofenceErrorCode.UnknownKind,
                $"properties.kind {kindElement.GetRawText()} is not one of Depot, Restricted, Zone.");
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
                $"Geometry type {geometryType} is not supported; use Polygon, MultiPolygon, Point (with radiusM) or LineString (with widthM).");
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
