using System.Diagnostics.Metrics;

namespace SupplyChain.Archive.Writing;

/// <summary>The archive's metrics (meter <c>SupplyChain.Archive</c>).</summary>
internal static class ArchiveTelemetry
{
    /// <summary>The meter's name, for the host's metrics registration.</summary>
    public const string Name = "SupplyChain.Archive";

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Files = Meter.CreateCounter<long>("supplychain.archive.files", description: "Archive files written (one storage write each).");
    private static readonly Counter<long> Bytes = Meter.CreateCounter<long>("supplychain.archive.bytes", "By", "Bytes of archive files written.");
    private static readonly Counter<long> Records = Meter.CreateCounter<long>("supplychain.archive.records", description: "Records written to archive files.");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("supplychain.archive.write_failures", description: "Archive file writes that failed (their records are written again).");
    private static readonly Counter<long> Dropped = Meter.CreateCounter<long>("supplychain.archive.outbound_dropped", description: "Outbound records dropped while writes failed for longer than the pending limit allows.");

    public static void Written(int records, int bytes)
    {
        Files.Add(1);
        Bytes.Add(bytes);
        Records.Add(records);
    }

    public static void WriteFailed() => Failures.Add(1);

    public static void OutboundDropped(int count) => Dropped.Add(count);
}
