using System.Globalization;

namespace SupplyChain.Domain.Fleet;

/// <summary>
/// A rectangle of the map in degrees, edges included: what a map's viewport shows. It never crosses
/// the antimeridian (a map that shows both sides asks for each side, or for all longitudes). Immutable.
/// </summary>
/// <param name="West">Least longitude, [-180, 180).</param>
/// <param name="South">Least latitude, [-90, 90).</param>
/// <param name="East">Greatest longitude, greater than <paramref name="West"/>, at most 180.</param>
/// <param name="North">Greatest latitude, greater than <paramref name="South"/>, at most 90.</param>
public readonly record struct MapBox(double West, double South, double East, double North)
{
    /// <summary>The whole world.</summary>
    public static readonly MapBox World = new(-180, -90, 180, 90);

    /// <summary>Whether the position (<paramref name="lat"/>, <paramref name="lon"/>) is inside or on an edge.</summary>
    public bool Contains(double lat, double lon) => lat >= South && lat <= North && lon >= West && lon <= East;

    /// <summary>
    /// Null when the four numbers make a box; otherwise what is wrong, in words for the caller
    /// (each number finite and in its range, west before east, south before north).
    /// </summary>
    public static string? Problem(double west, double south, double east, double north)
    {
        if (!double.IsFinite(west) || !double.IsFinite(south) || !double.IsFinite(east) || !double.IsFinite(north))
        {
            return "Every edge of the box must be a finite number.";
        }

        if (west is < -180 or > 180 || east is < -180 or > 180)
        {
            return "Longitudes (west, east) must be within [-180, 180].";
        }

        if (south is < -90 or > 90 || north is < -90 or > 90)
        {
            return "Latitudes (south, north) must be within [-90, 90].";
        }

        if (west >= east)
        {
            return string.Create(CultureInfo.InvariantCulture, $"West ({west}) must be less than east ({east}): the order is west,south,east,north, and a box does not cross the antimeridian.");
        }

        return south >= north
            ? string.Create(CultureInfo.InvariantCulture, $"South ({south}) must be less than north ({north}): the order is west,south,east,north.")
            : null;
    }
}
