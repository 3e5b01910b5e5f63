using System.Globalization;

namespace SupplyChain.Archive.Storage;

/// <summary>
/// Where each file goes: <c>events/date=YYYY-MM-DD/hour=HH/{writer}-{sequence}.parquet</c>, by the UTC
/// hour of the events' own time, in Hive's <c>key=value</c> folder form so SQL tools prune by date and
/// hour. A file holds the events of one hour gathered by one writer (a silo's run) in one flush; the
/// writer id and sequence keep names unique across silos and restarts.
/// </summary>
public static class ArchiveLayout
{
    /// <summary>The top folder of the event files.</summary>
    public const string EventsFolder = "events";

    /// <summary>The file extension of event files.</summary>
    public const string Extension = ".parquet";

    /// <summary>The start of the UTC hour <paramref name="time"/> falls in.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The folder of hour <paramref name="hour"/>'s files, ending in <c>/</c>.</summary>
    public static string HourFolder(DateTimeOffset hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{EventsFolder}/date={hour.UtcDateTime:yyyy-MM-dd}/hour={hour.UtcDateTime:HH}/");

    /// <summary>The path of writer <paramref name="writer"/>'s file number <paramref name="sequence"/> for hour <paramref name="hour"/>.</summary>
    public static string FileOf(DateTimeOffset hour, string writer, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{HourFolder(hour)}{writer}-{sequence:D8}{Extension}");

    /// <summary>The hours from the one of <paramref name="from"/> up to the one of <paramref name="to"/>, both included.</summary>
    public static IEnumerable<DateTimeOffset> Hours(DateTimeOffset from, DateTimeOffset to)
    {
        for (var hour = HourOf(from); hour <= to; hour = hour.AddHours(1))
        {
            yield return hour;
        }
    }

    /// <summary>Whether <paramref name="path"/> is an event file (not an index or a temporary file).</summary>
    public static bool IsEventFile(string path) => path.EndsWith(Extension, StringComparison.Ordinal);
}
