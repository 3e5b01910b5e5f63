using System.Diagnostics.Metrics;

namespace SupplyChain.Silo.Audit;

/// <summary>The audit's metrics: records stored and records dropped from a full buffer.</summary>
internal static class AuditTelemetry
{
    /// <summary>Name of the meter.</summary>
    public const string Name = "SupplyChain.Audit";

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Stored = Meter.CreateCounter<long>(
        "supplychain.audit.records.stored", "{record}", "Audit records written to the audit store.");

    private static readonly Counter<long> DroppedRecords = Meter.CreateCounter<long>(
        "supplychain.audit.records.dropped", "{record}", "Audit records not stored because the buffer was full or the store refused them (they are still logged).");

    public static void RecordStored(int count) => Stored.Add(count);

    public static void RecordDropped(int count) => DroppedRecords.Add(count);
}
