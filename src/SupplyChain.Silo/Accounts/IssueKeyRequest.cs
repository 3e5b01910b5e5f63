using System.Text.Json.Serialization;

namespace SupplyChain.Silo.Accounts;

/// <summary>The body of <c>POST /api/accounts/{id}/keys</c>, which may also be empty (a key that does not expire).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class IssueKeyRequest
{
    /// <summary>When the key stops working; in the future, at most <see cref="AccountRules.MaxKeyLifetime"/> ahead.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
