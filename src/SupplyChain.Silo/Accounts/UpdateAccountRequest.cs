using System.Text.Json.Serialization;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// The body of <c>PATCH /api/accounts/{id}</c>: each member given replaces the account's; absent or
/// null ones stay. <see cref="Role"/> is here only to be refused by name: a role is fixed at creation.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class UpdateAccountRequest
{
    /// <summary>What people call the account.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Refused when given: make a new account for another role.</summary>
    public string? Role { get; set; }

    /// <summary>For carriers: the new list of source prefixes (replaces the old one whole).</summary>
    public List<string>? Sources { get; set; }

    /// <summary>How readers without a key see the account's shipments' positions.</summary>
    public PositionPrecision? PublicPositionPrecision { get; set; }

    /// <summary>Whether readers without a key need a tracking token.</summary>
    public bool? RequireTrackingToken { get; set; }
}
