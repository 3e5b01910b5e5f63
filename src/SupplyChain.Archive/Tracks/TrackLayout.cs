using System.Globalization;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// Where an hour's track index lives: <c>tracks/date=YYYY-MM-DD/hour=HH/tracks.parquet</c> and its
/// <c>manifest.json</c>, beside (not among) the event files, so tools that read <c>events/</c> never
/// count a ping twice.
/// </summary>
internal static class TrackLayout
{
    public const string TracksFolder = "tracks";

    public static string TrackFileOf(DateTimeOffset hour) => Folder(hour) + "tracks.parquet";

    public static string ManifestOf(DateTimeOffset hour) => Folder(hour) + "manifest.json";

    private static string Folder(DateTimeOffset hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{TracksFolder}/date={hour.UtcDateTime:yyyy-MM-dd}/hour={hour.UtcDateTime:HH}/");
}
