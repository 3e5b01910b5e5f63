namespace SupplyChain.Ingestion.Validation;

/// <summary>
/// What a CloudEvent <c>source</c> may be: a URI-reference (RFC 3986) of at most
/// <see cref="EventLimits.MaxSourceLength"/> characters, written in the URI characters only (IRIs
/// percent-encoded), and without dot segments. The SDK's <see cref="Uri"/> parse lets spaces, control
/// characters and <c>/a/../b</c> through; a source is matched against a key's permitted prefixes by
/// path segment, where <c>..</c> would let one carrier's source climb into another's. Thread safe.
/// </summary>
public static class EventSourceRule
{
    private const string Allowed = "-._~:/?#[]@!$&'()*+,;=";

    /// <summary>Null when <paramref name="source"/> is acceptable; otherwise what is wrong with it.</summary>
    public static string? Problem(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > EventLimits.MaxSourceLength)
        {
            return $"source has {source.Length} characters; at most {EventLimits.MaxSourceLength} are allowed.";
        }

        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '%')
            {
                if (i + 2 >= source.Length || !char.IsAsciiHexDigit(source[i + 1]) || !char.IsAsciiHexDigit(source[i + 2]))
                {
                    return $"source has a '%' at position {i + 1} that does not start a percent-encoded byte.";
                }

                i += 2;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && !Allowed.Contains(c, StringComparison.Ordinal))
            {
                return $"source has a character at position {i + 1} that a URI-reference may not hold unencoded.";
            }
        }

        return HasDotSegment(source) ? "source may not hold '.' or '..' path segments." : null;
    }

    private static bool HasDotSegment(string source)
    {
        var end = source.AsSpan().IndexOfAny('?', '#');
        var path = end < 0 ? source.AsSpan() : source.AsSpan(0, end);
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment is "." or ".." || segment.Equals("%2e", StringComparison.OrdinalIgnoreCase)
                || segment.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase) || segment.Equals(".%2e", StringComparison.OrdinalIgnoreCase)
                || segment.Equals("%2e.", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
