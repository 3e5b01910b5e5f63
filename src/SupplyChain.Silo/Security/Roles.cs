using System.Security.Claims;

namespace SupplyChain.Silo.Security;

/// <summary>The roles an API key can have, and the policies built on them.</summary>
public static class Roles
{
    /// <summary>A carrier: posts events for its sources, manages its shipments, reads its vehicles.</summary>
    public const string Carrier = "carrier";

    /// <summary>Ops: everything.</summary>
    public const string Admin = "admin";

    /// <summary>Ops, read only: every read an admin may make (the fleet, fences, dead letters, accounts without keys, the ops feed); no writes.</summary>
    public const string Viewer = "viewer";

    /// <summary>A metrics scraper: the Prometheus endpoint only.</summary>
    public const string Metrics = "metrics";

    /// <summary>The claim naming the carrier account a key belongs to: what its writes claim and what it may read in full.</summary>
    public const string AccountClaim = "supplychain:account";

    /// <summary>The claim naming the key itself (never its secret), for audit records and logs.</summary>
    public const string KeyIdClaim = "supplychain:key-id";

    /// <summary>Policy: a carrier or an admin.</summary>
    public const string CarrierOrAdminPolicy = "carrier-or-admin";

    /// <summary>Policy: an admin.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Policy: an admin or a viewer (ops reads).</summary>
    public const string AdminOrViewerPolicy = "admin-or-viewer";

    /// <summary>Policy: a carrier, an admin or a viewer (reads a carrier may make too).</summary>
    public const string CarrierAdminOrViewerPolicy = "carrier-admin-or-viewer";

    /// <summary>Policy: an admin or a metrics scraper.</summary>
    public const string AdminOrMetricsPolicy = "admin-or-metrics";

    /// <summary>The claim holding a source prefix the key may post for.</summary>
    public const string SourceClaim = "supplychain:source";

    /// <summary>Every role, as configuration and the accounts API spell them.</summary>
    public static readonly IReadOnlyList<string> All = [Carrier, Admin, Viewer, Metrics];

    /// <summary>Whether <paramref name="user"/>'s role is one of ops' (admin, viewer, metrics): people and their tools, limited as admins are.</summary>
    public static bool IsOps(ClaimsPrincipal user) => user.IsInRole(Admin) || user.IsInRole(Viewer) || user.IsInRole(Metrics);
}
