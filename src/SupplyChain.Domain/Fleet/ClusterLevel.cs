namespace SupplyChain.Domain.Fleet;

/// <summary>
/// Which grid a map's clusters are counted in: cells of about <see cref="CellPixels"/> pixels on the
/// screen at the map's zoom, coarser when the box would span more than <see cref="MaxCellsAcross"/>
/// of them on an axis, so the clusters of any box are at most <see cref="MaxCellsAcross"/> squared
/// however large it is. Thread safe: pure functions.
/// </summary>
public static class ClusterLevel
{
    /// <summary>The deepest map zoom the fleet map takes (Leaflet's and most tile servers' limit).</summary>
    public const int MaxZoom = 22;

    /// <summary>A cluster cell's side on the screen, in pixels of a 256-pixel map tile.</summary>
    public const int CellPixels = 64;

    /// <summary>Most cells a box spans on either axis before the grid is made coarser.</summary>
    public const int MaxCellsAcross = 64;

    /// <summary>Cells of <see cref="CellPixels"/> per tile side are 2^this.</summary>
    private const int CellsPerTileLevels = 2;

    /// <summary>The level (see <see cref="WebMercator"/>) whose cells cluster <paramref name="box"/> at map zoom <paramref name="zoom"/> (0 to <see cref="MaxZoom"/>).</summary>
    public static int For(MapBox box, int zoom)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(zoom);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(zoom, MaxZoom);
        var width = WebMercator.X(box.East) - WebMercator.X(box.West);
        var height = WebMercator.Y(box.South) - WebMercator.Y(box.North);
        var span = Math.Max(width, height);
        var level = zoom + CellsPerTileLevels;
        while (level > 0 && span * (1 << level) > MaxCellsAcross)
        {
            level--;
        }

        return level;
    }
}
