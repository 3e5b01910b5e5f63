using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using SupplyChain.Archive.Tracks;

namespace SupplyChain.Silo.History;

/// <summary>
/// Writes a track (positions, and a shipment's scans as stops) in each <see cref="TrackFormat"/>:
/// GeoJSON (a LineString of the positions with their times in <c>coordTimes</c>, the convention GIS
/// tools read, and a Point per stop), GPX 1.1 (a waypoint per stop, a track segment of points), CSV
/// (one row per position or stop). Stateless.
/// </summary>
internal static class TrackExport
{
    public static string ContentType(TrackFormat format) => format switch
    {
        TrackFormat.Gpx => "application/gpx+xml",
        TrackFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/geo+json",
    };

    public static byte[] Write(TrackFormat format, string name, IReadOnlyList<TrackPoint> points, IReadOnlyList<TrackStop> stops) => format switch
    {
        TrackFormat.Gpx => Gpx(name, points, stops),
        TrackFormat.Csv => Csv(points, stops),
        _ => GeoJson(name, points, stops),
    };

    private static byte[] GeoJson(string name, IReadOnlyList<TrackPoint> points, IReadOnlyList<TrackStop> stops)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "LineString");
            json.WriteStartArray("coordinates");
            foreach (var p in points)
            {
                json.WriteStartArray();
                json.WriteNumberValue(p.Lon);
                json.WriteNumberValue(p.Lat);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("name", name);
            json.WriteStartArray("coordTimes");
            foreach (var p in points)
            {
                json.WriteStringValue(p.Time);
            }

            json.WriteEndArray();
            json.WriteStartArray("vehicleIds");
            foreach (var p in points)
            {
                json.WriteStringValue(p.VehicleId);
            }

            json.WriteEndArray();
            json.WriteStartArray("speedsKmh");
            foreach (var p in points)
            {
                WriteNumberOrNull(json, p.SpeedKmh);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            foreach (var s in stops)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("geometry");
                json.WriteString("type", "Point");
                json.WriteStartArray("coordinates");
                json.WriteNumberValue(s.Lon);
                json.WriteNumberValue(s.Lat);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("properties");
                json.WriteString("scanType", s.ScanType);
                json.WriteString("at", s.At);
                if (s.FacilityId is not null)
                {
                    json.WriteString("facilityId", s.FacilityId);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] Gpx(string name, IReadOnlyList<TrackPoint> points, IReadOnlyList<TrackStop> stops)
    {
        const string Namespace = "http://www.topografix.com/GPX/1/1";
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("gpx", Namespace);
            xml.WriteAttributeString("version", "1.1");
            xml.WriteAttributeString("creator", "SupplyChain");
            foreach (var s in stops)
            {
                xml.WriteStartElement("wpt", Namespace);
                WriteLatLon(xml, s.Lat, s.Lon);
                xml.WriteElementString("time", Namespace, Time(s.At));
                xml.WriteElementString("name", Namespace, s.ScanType);
                if (s.FacilityId is not null)
                {
                    xml.WriteElementString("desc", Namespace, s.FacilityId);
                }

                xml.WriteEndElement();
            }

            xml.WriteStartElement("trk", Namespace);
            xml.WriteElementString("name", Namespace, name);
            xml.WriteStartElement("trkseg", Namespace);
            foreach (var p in points)
            {
                xml.WriteStartElement("trkpt", Namespace);
                WriteLatLon(xml, p.Lat, p.Lon);
                xml.WriteElementString("time", Namespace, Time(p.Time));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static byte[] Csv(IReadOnlyList<TrackPoint> points, IReadOnlyList<TrackStop> stops)
    {
        var csv = new StringBuilder("time,kind,vehicle_id,lat,lon,speed_kmh,heading_deg,accuracy_m,scan_type,facility_id\n");
        var rows = points.Select(p => (p.Time, Row: string.Join(',', Time(p.Time), "position", Field(p.VehicleId), Number(p.Lat), Number(p.Lon), Number(p.SpeedKmh), Number(p.HeadingDeg), Number(p.AccuracyM), "", "")))
            .Concat(stops.Select(s => (Time: s.At, Row: string.Join(',', Time(s.At), "scan", "", Number(s.Lat), Number(s.Lon), "", "", "", Field(s.ScanType), Field(s.FacilityId)))))
            .OrderBy(r => r.Time);
        foreach (var (_, row) in rows)
        {
            csv.Append(row).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void WriteLatLon(XmlWriter xml, double lat, double lon)
    {
        xml.WriteAttributeString("lat", Number(lat));
        xml.WriteAttributeString("lon", Number(lon));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumberValue(v);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A CSV field: ids and facility codes follow the identifier rule (no commas or quotes), but quote anything that could break a row.</summary>
    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
