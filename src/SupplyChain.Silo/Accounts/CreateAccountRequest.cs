using System.Text.Json.Serialization;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Accounts;

/// <summary>The body of <c>POST /api/accounts</c>. Members it does not name are refused, so a typo is not silently dropped.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class CreateAccountRequest
{
    /// <summary>The account id (the identifier rule, at most 64 characters).</summary>
    public string? Id { get; set; }

    /// <summary>What people call the account.</summary>
    public string? DisplayName { get; set; }

    /// <summary><c>carrier</c>, <c>admin</c>, <c>viewer</c> or <c>metrics</c>.</summary>
    public string? Role { get; set; }

    /// <summary>For carriers: the CloudEvent <c>source</c> prefixes its keys may post for.</summary>
    public List<string>? Sources { get; set; }

    /// <summary>How readers without a key see its shipments' positions; the configured default when absent.</summary>
    public PositionPrecision? PublicPositionPrecision { get; set; }

    /// <summary>Whether readers without a key need a tracking token; the configured default when absent.</summary>
    public bool? RequireTrackingToken { get; set; }
}
