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
    /// <summary>The caller as ingestion sees it (<see cref="WriterOf(string, string, string[])"/>), worked out once per key.</summary>
    public static EventWriter WriterOf(ClaimsPrincipal user) =>
        user.Identity is KeyIdentity key ? key.Writer
        : WriterOf(user.IsInRole(Roles.Admin) ? Roles.Admin : "", user.AccountId() ?? "", [.. user.FindAll(Roles.SourceClaim).Select(c => c.Value)]);

    /// <summary>
    /// A key as ingestion sees it: admins may post for any source and write anyone's shipments and
    /// vehicles; others post for the prefixes of their key and write for their account.
    /// </summary>
    public static EventWriter WriterOf(string role, string account, string[] prefixes) => role == Roles.Admin
        ? new EventWriter(_ => true, null)
        : new EventWriter(source => Array.Exists(prefixes, p => Covers(p, source)), account);

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
