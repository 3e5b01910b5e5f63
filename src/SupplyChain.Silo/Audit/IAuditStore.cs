namespace SupplyChain.Silo.Audit;

/// <summary>Where audit records are kept: Azure Table in Durable mode, memory in Embedded mode.</summary>
internal interface IAuditStore
{
    /// <summary>Stores up to <see cref="AuditBuffer.BatchSize"/> records; storing a record twice keeps one.</summary>
    Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>The records that match <paramref name="query"/>, newest first.</summary>
    Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}
