using System.Diagnostics;
using CloudNative.CloudEvents;

namespace SupplyChain.Ingestion.Tracing;

/// <summary>
/// The CloudEvents distributed tracing extension (<c>traceparent</c>, <c>tracestate</c>), which the
/// C# SDK does not ship. A malformed <c>traceparent</c> is ignored, as the W3C trace context
/// specification asks of receivers, rather than refusing an otherwise good event.
/// </summary>
public static class DistributedTracing
{
    /// <summary>The <c>traceparent</c> extension attribute.</summary>
    public static readonly CloudEventAttribute TraceParent = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    /// <summary>The <c>tracestate</c> extension attribute.</summary>
    public static readonly CloudEventAttribute TraceState = CloudEventAttribute.CreateExtension("tracestate", CloudEventAttributeType.String);

    /// <summary>Both attributes, for decoding with the SDK.</summary>
    public static readonly IReadOnlyList<CloudEventAttribute> Attributes = [TraceParent, TraceState];

    /// <summary>
    /// The trace context an event continues: its own extension when it carries a valid one, else
    /// the current activity (the HTTP request that posted it).
    /// </summary>
    public static (string? TraceParent, string? TraceState) ContextOf(string? traceParent, string? traceState)
    {
        if (traceParent is not null && ActivityContext.TryParse(traceParent, traceState, out _))
        {
            return (traceParent, traceState);
        }

        return Activity.Current is { } current ? (current.Id, current.TraceStateString) : (null, null);
    }
}
