using System.Globalization;
using SupplyChain.Domain.Geofences;
using Xunit;

namespace SupplyChain.Domain.Tests.Geofences;

/// <summary>Inline GeoJSON fixtures for the geofence tests.</summary>
internal static class Fences
{
    public static string Feature(string geometry, string properties, string? id = "f1") =>
        id is null
            ? $$"""{"type":"Feature","geometry":{{geometry}},"properties":{{properties}}}"""
            : $$"""{"type":"Feature","id":"{{id}}","geometry":{{geometry}},"properties":{{properties}}}""";

    public static Geofence Read(string json)
    {
        var result = GeofenceReader.Read(json);
        Assert.True(result.Succeeded, result.Error?.Reason);
        return result.Geofence;
    }

    public static Geofence Circle(string id, double lat, double lon, double radiusM, string kind = "Zone") =>
        Read(Feature(
            string.Create(CultureInfo.InvariantCulture, $$"""{"type":"Point","coordinates":[{{lon}},{{lat}}]}"""),
            string.Create(CultureInfo.InvariantCulture, $$"""{"kind":"{{kind}}","radiusM":{{radiusM}}}"""), id));

    /// <summary>An axis-aligned box in degrees.</summary>
    public static Geofence Box(string id, double minLon, double minLat, double maxLon, double maxLat, string kind = "Zone") =>
        Read(Feature(
            string.Create(CultureInfo.InvariantCulture,
                $$"""{"type":"Polygon","coordinates":[[[{{minLon}},{{minLat}}],[{{maxLon}},{{minLat}}],[{{maxLon}},{{maxLat}}],[{{minLon}},{{maxLat}}],[{{minLon}},{{minLat}}]]]}"""),
            $$"""{"kind":"{{kind}}"}""", id));
}
