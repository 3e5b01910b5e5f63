namespace SupplyChain.Silo.Audit;

/// <summary>
/// Filters of <c>GET /api/audit</c>, already checked: every one optional and all of them applying.
/// Immutable.
/// </summary>
/// <param name="From">Records at or after this time.</param>
/// <param name="To">Records at or before this time.</param>
/// <param name="Account">Records of this account.</param>
/// <param name="Action">Records of this action.</param>
/// <param name="Target">Records of this target.</param>
/// <param name="Limit">Most records in the page.</param>
/// <param name="After">The id of the previous page's last record: the page starts after it.</param>
internal sealed record AuditQuery(
    DateTimeOffset? From, DateTimeOffset? To, string? Account, string? Action, string? Target, int Limit, string? After)
{
    /// <summary>Records per page unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most records per page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Whether <paramref name="record"/> passes every filter, the cursor included.</summary>
    public bool Matches(AuditRecord record) =>
        (From is not { } from || record.At >= from)
        && (To is not { } to || record.At <= to)
        && (Account is null || record.Account == Account)
        && (Action is null || record.Action == Action)
        && (Target is null || record.Target == Target)
        && (After is null || string.CompareOrdinal(record.Id, After) > 0);
}
