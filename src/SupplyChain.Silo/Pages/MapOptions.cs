namespace SupplyChain.Silo.Pages;

/// <summary>The web map's background and refresh, bound from <c>SupplyChain:Map</c>.</summary>
public sealed class MapOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Map";

    /// <summary>Default of <see cref="TileUrl"/>: the OpenStreetMap standard tile layer.</summary>
    public const string DefaultTileUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>Default of <see cref="Attribution"/>: what the OpenStreetMap tile usage policy asks for.</summary>
    public const string DefaultAttribution = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

    /// <summary>Default of <see cref="MaxZoom"/>.</summary>
    public const int DefaultMaxZoom = 19;

    /// <summary>Default of <see cref="VehiclePollInterval"/>.</summary>
    public static readonly TimeSpan DefaultVehiclePollInterval = TimeSpan.FromSeconds(3);

    /// <summary>Default of <see cref="MaxMarkers"/>.</summary>
    public const int DefaultMaxMarkers = 2_000;

    /// <summary>
    /// The tile URL template in Leaflet's form (<c>{z}</c>, <c>{x}</c>, <c>{y}</c>, optionally <c>{s}</c>).
    /// Empty means no tiles: the pages draw only the offline basemap of country outlines.
    /// Default <see cref="DefaultTileUrl"/>.
    /// </summary>
    public string TileUrl { get; set; } = DefaultTileUrl;

    /// <summary>The tiles' attribution as HTML, shown in the map's corner. Default <see cref="DefaultAttribution"/>.</summary>
    public string Attribution { get; set; } = DefaultAttribution;

    /// <summary>The deepest zoom level the tile server offers, 1 to 22. Default 19.</summary>
    public int MaxZoom { get; set; } = DefaultMaxZoom;

    /// <summary>How often the ops page re-reads the fleet, 1 s to 5 min. Default 3 s.</summary>
    public TimeSpan VehiclePollInterval { get; set; } = DefaultVehiclePollInterval;

    /// <summary>
    /// Most vehicles <c>GET /api/ops/map</c> answers one by one, 100 to 10,000; a box holding more is
    /// answered with clusters. It bounds a map refresh to about 150 bytes a vehicle. Default 2,000.
    /// </summary>
    public int MaxMarkers { get; set; } = DefaultMaxMarkers;
}
