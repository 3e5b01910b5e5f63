using System.Security.Claims;

namespace SupplyChain.Silo.Security;

/// <summary>Which CloudEvent sources a caller may post events for.</summary>
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
        return source => prefixes.Any(p => p == "*" || source.StartsWith(p, StringComparison.Ordinal));
    }
}
