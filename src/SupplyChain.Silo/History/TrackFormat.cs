namespace SupplyChain.Silo.History;

/// <summary>The formats a track is exported in (<c>?format=</c>).</summary>
internal enum TrackFormat
{
    /// <summary>A GeoJSON FeatureCollection (<c>application/geo+json</c>), the default.</summary>
    GeoJson,

    /// <summary>GPX 1.1 (<c>application/gpx+xml</c>), for navigation and GIS tools.</summary>
    Gpx,

    /// <summary>Comma-separated values with a header row (<c>text/csv</c>), for spreadsheets.</summary>
    Csv,
}
