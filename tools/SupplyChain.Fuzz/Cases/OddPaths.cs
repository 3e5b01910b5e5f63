namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// Odd path segments and query strings, written as they go on the wire (percent-encoding and all):
/// blanks, NUL, encoded slashes and dots, broken UTF-8 and surrogates, very long ids, unicode.
/// </summary>
internal static class OddPaths
{
    private static readonly string[] Segments =
    [
        "%20", "%20%20", "a%20b", "%00", "a%00b", "%09", "%0D%0A", "%2F", "a%2Fb", "%5C", ".", "..", "...", "%2e", "%2e%2e",
        "..%2f..%2fetc%2fpasswd", "a.b", ".hidden", "%ED%A0%80", "%ED%B0%80", "%FF", "%C0%AF", "%E2%9C", "%", "%%", "%zz", "%u0041",
        "%E2%9C%93", "%F0%9F%9A%9A", "%C3%BC", "%EF%BB%BF", "%E2%80%AE", "%EF%BF%BF", "+", "~", "'", "%22", "%3Cscript%3E", "%3F", "%23",
        "CON", "NUL", "route", "null", "undefined", "-", "_", "0", "-1", "sub_000000000000000000000000", "%25", "%2525",
        "\u00FC", "\u00ED\u00A0\u0080", "a;b", "a,b", "*", "%2A", "[", "%5B%5D", "{id}", "%7Bid%7D",
    ];

    private static readonly string[] Queries =
    [
        "", "", "", "?", "?&&&", "?a", "?a=%", "?a=%zz", "?lastEventId=%ED%A0%80", "?lastEventId=", "?limit=-1", "?limit=0", "?limit=1",
        "?limit=99999999999999999999", "?limit=abc", "?limit=1&limit=2", "?limit=%00", "?%00=%00", "?a=\u00FF", "?x=" + new string('q', 4000),
        "?carrier=", "?carrier=..%2Fbeta", "?carrier=%00", "?carrier=a~b", "?carrier=dev-carrier", "?carrier=" + new string('c', 500),
        "?carrier=a&carrier=b", "?token=", "?token=%ED%A0%80", "?token=" + new string('t', 4000), "?carrier=ops&token=x",
        "?from=", "?from=%00", "?from=yesterday", "?from=2026-12-01", "?from=2026-12-01T00:00:00", "?to=9999-12-31T23:59:59Z",
        "?from=0001-01-01T00:00:00Z", "?to=0001-01-01T00:00:00%2B14:00", "?from=2026-12-01T00:00:00%2B25:00",
        "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
        "?from=2026-12-01T00:00:00Z&from=2026-12-02T00:00:00Z", "?from=" + new string('9', 500), "?format=", "?format=GPX", "?format=kml",
        "?format=%00", "?format=csv&format=gpx", "?format=%ED%A0%80",
    ];

    /// <summary>An odd segment, a very long one, or now and then a plain one (<paramref name="plain"/>).</summary>
    public static (string Segment, string Name) Segment(Random random, string plain)
    {
        switch (random.Next(12))
        {
            case 0:
                return (plain, "plain id");
            case 1:
            {
                var length = random.Next(5) == 0 ? 8000 + random.Next(10_000) : 60 + random.Next(1000);
                return (new string('L', length), $"id of {length} characters");
            }

            case 2:
            {
                var count = 20 + random.Next(2000);
                return (string.Concat(Enumerable.Repeat("%E2%9C%93", count)), $"id of {count} encoded unicode characters");
            }

            default:
            {
                var segment = Segments[random.Next(Segments.Length)];
                return (segment, $"id {segment}");
            }
        }
    }

    /// <summary>An odd query string (often none), with its leading '?'.</summary>
    public static string Query(Random random) => Queries[random.Next(Queries.Length)];
}
