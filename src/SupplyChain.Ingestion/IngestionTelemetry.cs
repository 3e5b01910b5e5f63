using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SupplyChain.Ingestion;

/// <summary>The ingestion's own spans and metrics (low-cardinality tags only).</summary>
public static class IngestionTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "SupplyChain.Ingestion";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>(
        "supplychain.events.accepted", "{event}", "Inbound events accepted and handed to the streams, by CloudEvent type.");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "supplychain.events.rejected", "{request}", "Ingestion requests refused, by reason.");

    internal static void RecordAccepted(string type, int count) => Accepted.Add(count, new KeyValuePair<string, object?>("type", type));

    /// <summary>Counts a refused request: <c>invalid</c>, <c>forbidden</c>, <c>too_large</c>, <c>unsupported_media_type</c> or <c>unavailable</c>.</summary>
    public static void RecordRejected(string reason) => Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
