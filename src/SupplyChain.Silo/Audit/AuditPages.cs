namespace SupplyChain.Silo.Audit;

/// <summary>Cuts a store's matches to a page.</summary>
internal static class AuditPages
{
    /// <summary>
    /// The first <paramref name="limit"/> of <paramref name="matches"/>; stores read one more than the
    /// limit, so a continuation is given only when another record exists.
    /// </summary>
    public static AuditPage Of(List<AuditRecord> matches, int limit) =>
        matches.Count > limit
            ? new AuditPage(matches[..limit], matches[limit - 1].Id)
            : new AuditPage(matches, null);
}
