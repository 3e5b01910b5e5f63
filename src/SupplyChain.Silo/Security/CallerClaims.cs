using System.Security.Claims;

namespace SupplyChain.Silo.Security;

/// <summary>What the authenticated key says about its caller.</summary>
internal static class CallerClaims
{
    /// <summary>The caller's carrier account, or null for a reader without a key.</summary>
    public static string? AccountId(this ClaimsPrincipal user) => user.FindFirst(Roles.AccountClaim)?.Value;

    /// <summary>The presented key's id (never its secret), or null when the key has none or there is no key.</summary>
    public static string? KeyId(this ClaimsPrincipal user) => user.FindFirst(Roles.KeyIdClaim)?.Value;
}
