using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Names the resource a request acted on: its route's parameters in order, joined by <c>/</c> (a
/// tracking number, a geofence id, an account and a key id); for a request that created a resource
/// without naming it in the path, the last segment of the answer's <c>Location</c>; for a request no
/// route took (404, 405), its path. Never more than <see cref="MaxLength"/> printable ASCII characters: route
/// values reach here before any endpoint has checked them.
/// </summary>
internal static class AuditTarget
{
    /// <summary>Characters kept of a target.</summary>
    public const int MaxLength = 200;

    /// <summary>The target known before the request runs, from its route or path.</summary>
    public static string? Of(Endpoint? endpoint, HttpRequest request)
    {
        if (endpoint is not RouteEndpoint { RoutePattern.Parameters: var parameters })
        {
            return Printable(request.Path.Value);
        }

        if (parameters.Count == 0)
        {
            return null;
        }

        var values = parameters
            .Select(p => request.RouteValues.TryGetValue(p.Name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null)
            .Where(v => !string.IsNullOrEmpty(v));
        return Printable(string.Join('/', values));
    }

    /// <summary>The id of a resource the answer says it created (<c>201</c> with <c>Location</c>).</summary>
    public static string? Created(HttpResponse response)
    {
        if (response.StatusCode != StatusCodes.Status201Created || response.Headers.Location.ToString() is not { Length: > 0 } location)
        {
            return null;
        }

        var path = Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : location.Split('?', '#')[0];
        var last = path.TrimEnd('/').Split('/')[^1];
        return Printable(Uri.UnescapeDataString(last));
    }

    /// <summary>At most <see cref="MaxLength"/> characters of <paramref name="text"/>, each outside printable ASCII as <c>?</c>.</summary>
    public static string? Printable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length <= MaxLength && !text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return text;
        }

        var kept = new StringBuilder(Math.Min(text.Length, MaxLength));
        foreach (var c in text)
        {
            if (kept.Length == MaxLength)
            {
                break;
            }

            kept.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return kept.ToString();
    }
}
