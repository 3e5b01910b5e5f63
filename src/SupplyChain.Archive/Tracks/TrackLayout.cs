using System.Globalization;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// Where an hour's track index lives: <c>tracks/date=YYYY-MM-DD/hour=HH/tracks.parquet</c> with the
/// vehicles' own outbound events beside it (<c>vehicle-events.parquet</c>), the segments of both added
/// since they were merged, and its <c>manifest.json</c>, beside (not among) the event files, so tools that read <c>events/</c> never
/// count a ping twice.
/// </summary>
public static class TrackLayout
{
    /// <summary>The top folder of the track indexes.</summary>
    public const string TracksFolder = "tracks";

    /// <summary>The path of hour <paramref name="hour"/>'s track file.</summary>
    public static string TrackFileOf(DateTimeOffset hour) => Folder(hour) + "tracks.parquet";

    /// <summary>
    /// The path of hour <paramref name="hour"/>'s segment built when its index came to cover
    /// <paramref name="covered"/> event files: the count only grows, so no two segments share a name.
    /// </summary>
    public static string SegmentOf(DateTimeOffset hour, int covered) =>
        Folder(hour) + string.Create(CultureInfo.InvariantCulture, $"segment-{covered:D6}.parquet");

    /// <summary>The path of hour <paramref name="hour"/>'s merged index of vehicle events.</summary>
    public static string VehicleEventsOf(DateTimeOffset hour) => Folder(hour) + "vehicle-events.parquet";

    /// <summary>The path of the vehicle events that came with <see cref="SegmentOf"/>'s segment of the same count.</summary>
    public static string VehicleEventsSegmentOf(DateTimeOffset hour, int covered) =>
        Folder(hour) + string.Create(CultureInfo.InvariantCulture, $"vehicle-events-segment-{covered:D6}.parquet");

    /// <summary>Whether <paramref name="path"/> is an index file of vehicle events, merged or a segment.</summary>
    public static bool IsVehicleEvents(string path) =>
        path.StartsWith(TracksFolder + "/", StringComparison.Ordinal) && path[(path.LastIndexOf('/') + 1)..].StartsWith("vehicle-events", StringComparison.Ordinal);

    /// <summary>The path of hour <paramref name="hour"/>'s manifest: the event files its track files cover, and which they are.</summary>
    public static string ManifestOf(DateTimeOffset hour) => Folder(hour) + "manifest.json";

    private static string Folder(DateTimeOffset hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{TracksFolder}/date={hour.UtcDateTime:yyyy-MM-dd}/hour={hour.UtcDateTime:HH}/");
}
