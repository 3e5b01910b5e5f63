using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Accounts;

/// <summary>An account as the API shows it (never its keys).</summary>
internal sealed record AccountResponse(
    string Id, string DisplayName, string Role, IReadOnlyList<string> Sources,
    PositionPrecision PublicPositionPrecision, bool RequireTrackingToken, DateTimeOffset Created, DateTimeOffset? Deleted)
{
    public static AccountResponse From(Account a) =>
        new(a.Id, a.DisplayName, a.Role, a.Sources, a.PublicPositionPrecision, a.RequireTrackingToken, a.Created, a.Deleted);
}
