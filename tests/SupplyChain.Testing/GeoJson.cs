using System.Globalization;

namespace SupplyChain.Testing;

/// <summary>Geofences as the API takes them: GeoJSON Features written inline, coordinates in degrees, radii in metres.</summary>
public static class GeoJson
{
    /// <summary>A Feature of <paramref name="geometry"/> and <paramref name="properties"/> (JSON text), with an id when given.</summary>
    public static string Feature(string geometry, string properties, string? id = null) =>
        id is null
            ? $$"""{"type":"Feature","geometry":{{geometry}},"properties":{{properties}}}"""
            : $$"""{"type":"Feature","id":"{{id}}","geometry":{{geometry}},"properties":{{properties}}}""";

    /// <summary>An axis-aligned box: a Polygon from (<paramref name="minLon"/>, <paramref name="minLat"/>) to (<paramref name="maxLon"/>, <paramref name="maxLat"/>).</summary>
    public static string Box(double minLon, double minLat, double maxLon, double maxLat, string kind = "Zone", string? name = null, string? id = null) =>
        Feature(
            string.Create(CultureInfo.InvariantCulture,
                $$"""{"type":"Polygon","coordinates":[[[{{minLon}},{{minLat}}],[{{maxLon}},{{minLat}}],[{{maxLon}},{{maxLat}}],[{{minLon}},{{maxLat}}],[{{minLon}},{{minLat}}]]]}"""),
            Properties(kind, name, radiusM: null), id);

    /// <summary>A circle: a Point with <c>radiusM</c>.</summary>
    public static string Circle(double lat, double lon, double radiusM, string kind = "Zone", string? id = null) =>
        Feature(
            string.Create(CultureInfo.InvariantCulture, $$"""{"type":"Point","coordinates":[{{lon}},{{lat}}]}"""),
            Properties(kind, name: null, radiusM), id);

    private static string Properties(string kind, string? name, double? radiusM)
    {
        var named = name is null ? "" : $",\"name\":\"{name}\"";
        var radius = radiusM is { } r ? string.Create(CultureInfo.InvariantCulture, $",\"radiusM\":{r}") : "";
        return $"{{\"kind\":\"{kind}\"{named}{radius}}}";
    }
}
