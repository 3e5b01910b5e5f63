namespace SupplyChain.Domain.Fleet;

/// <summary>
/// The projection of web maps (EPSG:3857) as unit coordinates: x from 0 at 180° W to 1 at 180° E, y
/// from 0 at the top (about 85.05° N) to 1 at the bottom, so a cell of level L is 1/2^L of each axis,
/// as a map tile of zoom L is. Thread safe: pure functions.
/// </summary>
public static class WebMercator
{
    /// <summary>The latitude of the square world's edges, in degrees; positions beyond it are drawn on it.</summary>
    public const double MaxLatitude = 85.0511287798066;

    /// <summary>The deepest level a cell index is taken at: 2^24 cells on each axis (about 2.4 m at the equator).</summary>
    public const int MaxLevel = 24;

    /// <summary>x of longitude <paramref name="lon"/> (degrees), in [0, 1].</summary>
    public static double X(double lon) => (Math.Clamp(lon, -180, 180) + 180) / 360;

    /// <summary>y of latitude <paramref name="lat"/> (degrees), in [0, 1]; 0 at the north edge.</summary>
    public static double Y(double lat)
    {
        var phi = Math.Clamp(lat, -MaxLatitude, MaxLatitude) * Math.PI / 180;
        return Math.Clamp(0.5 - Math.Log(Math.Tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI), 0, 1);
    }

    /// <summary>The index, at <paramref name="level"/>, of the cell holding unit coordinate <paramref name="unit"/>: 0 to 2^level - 1.</summary>
    public static int Cell(double unit, int level)
    {
        var cells = 1 << level;
        return Math.Clamp((int)(unit * cells), 0, cells - 1);
    }
}
