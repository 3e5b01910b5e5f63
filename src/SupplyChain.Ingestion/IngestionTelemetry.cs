using System.Diagnostics.Metrics;

namespace SupplyChain.Ingestion;

/// <summary>The ingestion's own metrics (low-cardinality tags only).</summary>
public static class IngestionTelemetry
{
    /// <summary>Name of the meter.</summary>
    public const string Name = "SupplyChain.Ingestion";

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>(
        "supplychain.events.accepted", "{event}", "Inbound events accepted and handed to the streams, by CloudEvent type.");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "supplychain.events.rejected", "{request}", "Ingestion requests refused, by reason.");

    /// <summary>
    /// Events per inbound stream message published. A stream message is what the streams bill
    /// (a queue put, an Event Hubs event), so this is the figure to watch when tuning the batch
    /// window and the partition count (docs/operations.md).
    /// </summary>
    private static readonly Histogram<int> MessageEvents = Meter.CreateHistogram(
        "supplychain.stream.message.events",
        "{event}",
        "Inbound events per stream message published.",
        tags: null,
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 50, 100, 250, 500, 750, 1000] });

    internal static void RecordMessage(int events) => MessageEvents.Record(events);

    internal static void RecordAccepted(string type, int count) => Accepted.Add(count, new KeyValuePair<string, object?>("type", type));

    /// <summary>Counts a refused request: <c>invalid</c>, <c>forbidden</c>, <c>too_large</c>, <c>unsupported_media_type</c> or <c>unavailable</c>.</summary>
    public static void RecordRejected(string reason) => Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
