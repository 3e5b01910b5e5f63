namespace SupplyChain.Fuzz.Cases;

/// <summary>Content types that are not quite the one a route expects.</summary>
internal static class ContentTypes
{
    private static readonly string[] Odd =
    [
        "text/plain", "application/xml", "application/cloudevents+xml", "application/octet-stream", "*/*", "application/",
        "/json", "application", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=utf-16",
        "application/json; charset=\"\u00ED\u00A0\u0080\"", "application/cloudevents+json; charset=latin1",
        "application/cloudevents-batch+json;;;", "APPLICATION/CLOUDEVENTS+JSON", "application/cloudevents+json, application/json",
        "application/json; =x", "application/json; a", "\u00ED\u00A0\u0080", "application/merge-patch+json", "application/geo+json",
        "application/problem+json", "application/json" + new string(' ', 3000) + ";x=1",
    ];

    /// <summary>An odd content type, or null for none at all.</summary>
    public static string? Pick(Random random) => random.Next(10) == 0 ? null : Odd[random.Next(Odd.Length)];

    /// <summary><paramref name="expected"/> usually, now and then something odd in its place (null: no Content-Type).</summary>
    public static (string? ContentType, string? Oddity) Usually(Random random, string expected)
    {
        if (random.Next(10) != 0)
        {
            return (expected, null);
        }

        var odd = Pick(random);
        return (odd, $"content type {(odd is null ? "absent" : odd.Length > 60 ? "very long" : odd)}");
    }
}
