namespace SupplyChain.Silo.Security;

/// <summary>The roles an API key can have, and the policies built on them.</summary>
public static class Roles
{
    /// <summary>A carrier: posts events for its sources, manages its shipments, reads its vehicles.</summary>
    public const string Carrier = "carrier";

    /// <summary>Ops: everything.</summary>
    public const string Admin = "admin";

    /// <summary>Ops, read-only: sees what an admin sees and changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>The claim naming the carrier account a key belongs to: what its writes claim and what it may read in full.</summary>
    public const string AccountClaim = "supplychain:account";

    /// <summary>The claim naming the key itself (never its secret), for audit records and logs.</summary>
    public const string KeyIdClaim = "supplychain:key-id";

    /// <summary>Policy: a carrier or an admin.</summary>
    public const string CarrierOrAdminPolicy = "carrier-or-admin";

    /// <summary>Policy: an admin.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The claim holding a source prefix the key may post for.</summary>
    public const string SourceClaim = "supplychain:source";
}
