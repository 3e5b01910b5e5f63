using System.Globalization;

namespace SupplyChain.Simulator.Map;

/// <summary>
/// A view of the ops map as the page asks for it: a 1280 × 800 pixel viewport at a zoom around a
/// centre, grown by half its size on every side (the page's padding), as <c>bbox</c> and <c>zoom</c>.
/// </summary>
internal sealed record MapView(string Name, double Lat, double Lon, int Zoom)
{
    private const double ViewportWidth = 1280;
    private const double ViewportHeight = 800;
    private const double Padding = 0.5;

    /// <summary>Views from the whole of north-west Europe (clusters) down to one city's streets (markers).</summary>
    public static readonly MapView[] Standard =
    [
        new("north-west Europe, zoom 6", 51.5, 6.5, 6),
        new("the Rhine-Ruhr, zoom 9", 51.35, 6.9, 9),
        new("Rotterdam, zoom 12", 51.92, 4.48, 12),
        new("Rotterdam, zoom 15", 51.92, 4.48, 15),
    ];

    public string Query
    {
        get
        {
            var worldPixels = 256 * Math.Pow(2, Zoom);
            var x = (Lon + 180) / 360 * worldPixels;
            var y = (0.5 - Math.Log(Math.Tan(Math.PI / 4 + Lat * Math.PI / 360)) / (2 * Math.PI)) * worldPixels;
            var halfWidth = ViewportWidth * (0.5 + Padding);
            var halfHeight = ViewportHeight * (0.5 + Padding);
            double LonOf(double px) => Math.Clamp(px / worldPixels * 360 - 180, -180, 180);
            double LatOf(double py) => Math.Clamp(Math.Atan(Math.Sinh(Math.PI * (1 - 2 * py / worldPixels))) * 180 / Math.PI, -90, 90);
            return string.Create(CultureInfo.InvariantCulture,
                $"bbox={Math.Round(LonOf(x - halfWidth), 5)},{Math.Round(LatOf(y + halfHeight), 5)},{Math.Round(LonOf(x + halfWidth), 5)},{Math.Round(LatOf(y - halfHeight), 5)}&zoom={Zoom}");
        }
    }
}
