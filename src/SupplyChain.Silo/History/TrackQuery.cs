using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SupplyChain.Silo.History;

/// <summary>
/// A track request's time span and format, read from the query string: <c>from</c> and <c>to</c> as
/// RFC 3339 date-times (default: the 24 hours up to now), at most <see cref="MaxSpan"/> apart, and
/// <c>format</c> one of <c>geojson</c> (default), <c>gpx</c>, <c>csv</c>.
/// </summary>
internal sealed record TrackQuery(DateTimeOffset From, DateTimeOffset To, TrackFormat Format)
{
    /// <summary>The longest span one request may ask for: a week of a vehicle's pings is already a large answer.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(7);

    /// <summary>
    /// The longest span of a vehicle's event history: read from every event file of its hours, not
    /// from an index, so a day is what one request may cost.
    /// </summary>
    public static readonly TimeSpan MaxHistorySpan = TimeSpan.FromHours(24);

    /// <summary>The span asked for when <c>from</c> is not given.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(24);

    /// <summary>Longest accepted query value: a date-time or a format name is far shorter.</summary>
    private const int MaxValueLength = 64;

    /// <summary>The query, or the 400 problem that says what is wrong with it.</summary>
    public static (TrackQuery? Query, ProblemHttpResult? Problem) Parse(string? from, string? to, string? format, DateTimeOffset now) =>
        Parse(from, to, format, now, MaxSpan);

    /// <summary>The query with spans up to <paramref name="maxSpan"/>, or the 400 problem that says what is wrong with it.</summary>
    public static (TrackQuery? Query, ProblemHttpResult? Problem) Parse(string? from, string? to, string? format, DateTimeOffset now, TimeSpan maxSpan)
    {
        if (ParseFormat(format) is not { } parsedFormat)
        {
            return Bad("format must be one of geojson, gpx, csv.");
        }

        DateTimeOffset end = now;
        if (to is not null && !TryParseTime(to, out end))
        {
            return Bad("to must be an RFC 3339 date-time with an offset, e.g. 2026-12-01T00:00:00Z.");
        }

        DateTimeOffset start = end - DefaultSpan;
        if (from is not null && !TryParseTime(from, out start))
        {
            return Bad("from must be an RFC 3339 date-time with an offset, e.g. 2026-12-01T00:00:00Z.");
        }

        if (start >= end)
        {
            return Bad("from must lie before to.");
        }

        if (end - start > maxSpan)
        {
            return Bad(maxSpan > TimeSpan.FromDays(1)
                ? $"from and to may lie at most {maxSpan.TotalDays:0} days apart."
                : $"from and to may lie at most {maxSpan.TotalHours:0} hours apart.");
        }

        return (new TrackQuery(start, end, parsedFormat), null);
    }

    private static TrackFormat? ParseFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "geojson" => TrackFormat.GeoJson,
        "gpx" => TrackFormat.Gpx,
        "csv" => TrackFormat.Csv,
        _ => null,
    };

    private static bool TryParseTime(string value, out DateTimeOffset time)
    {
        time = default;
        // An offset is required: a local time would mean whatever the silo's zone is.
        return value.Length <= MaxValueLength
            && (value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':'))
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            && time.Year is > 1 and < 9999;
    }

    private static (TrackQuery?, ProblemHttpResult?) Bad(string detail) =>
        (null, TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid track query"));
}
