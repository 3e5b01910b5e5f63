namespace SupplyChain.Silo.Audit;

/// <summary>One page of records, newest first, and the cursor of the next page (null when there is none).</summary>
internal sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? Continuation);
