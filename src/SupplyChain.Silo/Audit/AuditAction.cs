using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Names what a request did, from its endpoint, so endpoints added later are named without edits here.
/// From the endpoint's name (<c>WithName</c>), a verb and a resource in Pascal case, the resource's
/// words then the verb, dotted and in lower case: <c>PutShipmentPlan</c> is <c>shipment.plan.put</c>,
/// <c>CreateSubscription</c> <c>subscription.create</c>, <c>PostEvents</c> <c>events.post</c>. An
/// endpoint without a name goes by its route's fixed segments after <c>/api</c> and the method
/// (<c>/api/things/{id}/enable</c> with POST is <c>things.enable.post</c>); a request no route took
/// (404, or 405 for a method the path lacks) is <c>unrouted.{method}</c>. Thread safe.
/// </summary>
internal static class AuditAction
{
    private static readonly ConcurrentDictionary<(RouteEndpoint, string), string> Known = new();

    public static string Of(Endpoint? endpoint, string method)
    {
        // Not a route's endpoint: none matched (404), or routing's own answer for a method the path lacks (405).
        if (endpoint is not RouteEndpoint route)
        {
            return "unrouted." + method.ToLowerInvariant();
        }

        return Known.GetOrAdd((route, method), static key => Name(key.Item1, key.Item2));
    }

    private static string Name(RouteEndpoint endpoint, string method)
    {
        if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { Length: > 0 } name)
        {
            var words = Words(name);
            return words.Count == 1 ? words[0] : string.Join('.', words.Skip(1).Append(words[0]));
        }

        var segments = endpoint.RoutePattern.PathSegments
            .Where(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart)
            .Select(s => ((RoutePatternLiteralPart)s.Parts[0]).Content.ToLowerInvariant())
            .SkipWhile(s => s == "api");
        return string.Join('.', segments.Append(method.ToLowerInvariant()));
    }

    /// <summary>The lower-case words of a Pascal-case name: a capital starts a word, digits stay with theirs.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c) && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words.Count > 0 ? words : ["unnamed"];
    }
}
