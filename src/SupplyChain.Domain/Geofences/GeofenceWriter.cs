using System.Text;
using System.Text.Json;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// Writes geofences back as GeoJSON: a Feature with the id, the geometry as given and the
/// properties as received; or a FeatureCollection of them. Thread safe: stateless.
/// </summary>
public static class GeofenceWriter
{
    /// <summary>Writes one Feature object.</summary>
    public static void WriteFeature(Utf8JsonWriter writer, Geofence geofence)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(geofence);
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", geofence.Id);
        writer.WritePropertyName("geometry");
        JsonSerializer.Serialize(writer, geofence.Geometry, GeofenceReader.GeoJson);
        writer.WritePropertyName("properties");
        geofence.Properties.WriteTo(writer);
        writer.WriteEndObject();
    }

    /// <summary>Writes a FeatureCollection object.</summary>
    public static void WriteCollection(Utf8JsonWriter writer, IEnumerable<Geofence> geofences)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(geofences);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        foreach (var geofence in geofences)
        {
            WriteFeature(writer, geofence);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The Feature as JSON text.</summary>
    public static string ToJson(Geofence geofence)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteFeature(writer, geofence);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
