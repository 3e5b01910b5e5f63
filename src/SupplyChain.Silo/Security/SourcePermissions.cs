using System.Security.Claims;
using SupplyChain.Ingestion.Ownership;

namespace SupplyChain.Silo.Security;

/// <summary>
/// Which CloudEvent sources a caller may post events for. A key's source prefix matches whole path
/// segments: <c>/carriers/acme</c> covers <c>/carriers/acme</c> and <c>/carriers/acme/scanners/1</c>,
/// never <c>/carriers/acme-evil/x</c>; <c>/carriers/acme/</c> covers what lies under it. Dot segments
/// (<c>/carriers/acme/../beta</c>) never get this far: the door refuses them as sources.
/// </summary>
internal static class SourcePermissions
{
    /// <summary>Admins may post for any source; carriers for the prefixes of their key.</summary>
    public static Func<string, bool> For(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return _ => true;
        }

        var prefixes = user.FindAll(Roles.SourceClaim).Select(c => c.Value).ToArray();
        return source => prefixes.Any(p => Covers(p, source));
    }

    /// <summary>The caller as ingestion sees it: its sources, and its account unless it is an admin.</summary>
    public static EventWriter WriterOf(ClaimsPrincipal user) =>
        new(For(user), user.IsInRole(Roles.Admin) ? null : user.AccountId());

    /// <summary>Whether the key's <paramref name="prefix"/> covers <paramref name="source"/>, by whole path segments.</summary>
    internal static bool Covers(string prefix, string source)
    {
        if (prefix == "*")
        {
            return true;
        }

        if (prefix.Length == 0 || !source.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // The prefix ends a segment itself, or the source's next character starts a new one (or its query or fragment).
        return prefix[^1] is '/' or ':' || source.Length == prefix.Length || source[prefix.Length] is '/' or '?' or '#';
    }
}
