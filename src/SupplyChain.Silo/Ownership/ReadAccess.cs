using System.Security.Claims;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Ownership;

/// <summary>Who reads a shipment's or vehicle's whole record; everyone else gets the consignee's view or nothing.</summary>
internal static class ReadAccess
{
    /// <summary>
    /// Whether <paramref name="user"/> sees everything of a thing owned by <paramref name="owner"/>: ops,
    /// or a carrier key of the owning account (a metrics key reads as a stranger does).
    /// </summary>
    public static bool SeesAll(this ClaimsPrincipal user, string? owner) =>
        user.SeesEverything() || (owner is not null && user.IsInRole(Roles.Carrier) && user.AccountId() == owner);

    /// <summary>Whether <paramref name="user"/> reads every record whoever owns it, so the owner need not be looked up.</summary>
    public static bool SeesEverything(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Viewer);
}
