using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Grains.Partitions;

namespace SupplyChain.Grains.Telemetry;

/// <summary>The grains' own spans and metrics. Tags are low-cardinality: never a tracking number or vehicle id.</summary>
public static class TrackingTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "SupplyChain.Tracking";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly ConcurrentDictionary<string, string> SpanNames = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static ParsedParent? t_lastParent;

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> IgnoredPings = Meter.CreateCounter<long>(
        "supplychain.pings.ignored", "{ping}", "Pings accepted over HTTP but ignored by the vehicle, by reason (duplicate, stale, jump, inaccurate).");

    private static readonly Counter<long> Alerts = Meter.CreateCounter<long>(
        "supplychain.alerts.raised", "{event}", "Outbound events raised, by CloudEvent type.");

    private static readonly UpDownCounter<long> Shipments = Meter.CreateUpDownCounter<long>(
        "supplychain.shipments", "{shipment}", "Shipments by status (Pending not counted), as moved by the scans this process applied.");

    private static readonly Histogram<double> GeofenceLookup = Meter.CreateHistogram<double>(
        "supplychain.geofence.lookup.duration", "s", "Time to check one fix against every geofence (point and path since the previous fix).");

    private static readonly Histogram<double> EtaError = Meter.CreateHistogram<double>(
        "supplychain.eta.error", "min", "Delivered time minus the last ETA, on delivery (positive: later than estimated).");

    private static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>(
        "supplychain.deadletters", "{event}", "Inbound events set aside as dead letters after their delivery kept failing.");

    private static readonly Counter<long> AlertsNotAttached = Meter.CreateCounter<long>(
        "supplychain.alerts.unattached", "{event}", "Vehicle alerts given up on after every attempt to attach them to a shipment on board failed (each one is logged as an error).");

    /// <summary>The silos' partition lag registries in this process (one per silo; tests run several).</summary>
    private static readonly ConcurrentDictionary<PartitionLag, byte> PartitionLags = new();

    private static ObservableGauge<double>? s_partitionLag;

    internal static void DeadLettered() => DeadLetters.Add(1);

    internal static void AlertsGivenUp(int count) => AlertsNotAttached.Add(count);

    /// <summary>Reports <paramref name="lag"/>'s partitions in <c>supplychain.partition.lag</c> from now on.</summary>
    internal static void ObservePartitionLag(PartitionLag lag)
    {
        PartitionLags.TryAdd(lag, 0);
        LazyInitializer.EnsureInitialized(ref s_partitionLag, static () => Meter.CreateObservableGauge(
            "supplychain.partition.lag", ObservePartitionLags, "s",
            "Age of the oldest stream message each partition has not finished applying (0 while it keeps up), by partition."));
    }

    internal static void StopObservingPartitionLag(PartitionLag lag) => PartitionLags.TryRemove(lag, out _);

    private static IEnumerable<Measurement<double>> ObservePartitionLags()
    {
        foreach (var registry in PartitionLags.Keys)
        {
            foreach (var (partition, lag) in registry.Lags())
            {
                yield return new Measurement<double>(lag.TotalSeconds, new KeyValuePair<string, object?>("partition", partition));
            }
        }
    }

    internal static void PingIgnored(string reason) => IgnoredPings.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal static void AlertRaised(string type) => Alerts.Add(1, new KeyValuePair<string, object?>("type", type));

    internal static void StatusMoved(string? from, string to)
    {
        if (from is not null)
        {
            Shipments.Add(-1, new KeyValuePair<string, object?>("status", from));
        }

        Shipments.Add(1, new KeyValuePair<string, object?>("status", to));
    }

    internal static void GeofenceLookedUp(TimeSpan duration) => GeofenceLookup.Record(duration.TotalSeconds);

    internal static void Delivered(TimeSpan lateness) => EtaError.Record(lateness.TotalMinutes);

    /// <summary>
    /// A span for handling one event in the grain it is about, continuing the trace it came with.
    /// Events carry their trace context themselves (through the stream, and from a vehicle to its
    /// shipments), so the trace holds together without a span per grain call.
    /// </summary>
    internal static Activity? StartHandling(string type, string? traceParent, string? traceState)
    {
        // Once per event: without a listener nothing is parsed, and a span's name is built once per type.
        if (!Source.HasListeners())
        {
            return null;
        }

        var name = SpanNames.GetOrAdd(type, static t => "handle " + t);
        return ParentOf(traceParent, traceState) is { } context
            ? Source.StartActivity(name, ActivityKind.Consumer, context)
            : Source.StartActivity(name, ActivityKind.Consumer);
    }

    /// <summary>
    /// The context <paramref name="traceParent"/> names, parsed once for a run of events that share it:
    /// the events of one request carry their request's context and are delivered one after another,
    /// and each parse makes the trace and span ids' strings anew.
    /// </summary>
    private static ActivityContext? ParentOf(string? traceParent, string? traceState)
    {
        if (traceParent is null)
        {
            return null;
        }

        if (t_lastParent is { } last && last.TraceParent == traceParent && last.TraceState == traceState)
        {
            return last.Context;
        }

        // Remote: it came with the event through the stream. A sampler that dropped the trace upstream then
        // still gives this span its context (propagation only, nothing recorded), and the events it raises
        // carry their request's trace id, unsampled; as a local parent it gave none, and each event's emit
        // span began a trace of its own that a ratio sampler kept at random, alone.
        ActivityContext? context = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parsed) ? parsed : null;
        t_lastParent = new ParsedParent(traceParent, traceState, context);
        return context;
    }

    private sealed record ParsedParent(string TraceParent, string? TraceState, ActivityContext? Context);
}
