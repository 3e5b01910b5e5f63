using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SupplyChain.Contracts.Events;
using SupplyChain.Domain.Events;
using SupplyChain.Grains.Telemetry;

namespace SupplyChain.Grains.Events;

/// <summary>Builds outbound CloudEvents whose ids derive from their cause.</summary>
internal static class OutboundEventFactory
{
    /// <summary>
    /// The event, with a span of its own whose trace context it carries, so a consumer can follow
    /// it back to the request that caused it.
    /// </summary>
    public static OutboundEvent Create<T>(
        string type, string source, string subject, string cause, DateTimeOffset time, T data, JsonTypeInfo<T> typeInfo)
    {
        using var activity = TrackingTelemetry.Source.StartActivity("emit " + type, ActivityKind.Producer);
        if (type != EventTypes.LocationUpdated)
        {
            TrackingTelemetry.AlertRaised(type);
        }

        var span = activity ?? Activity.Current;
        return new OutboundEvent(OutboundEventId.Derive(cause, type, subject), type, source, subject, time, JsonSerializer.Serialize(data, typeInfo))
        {
            TraceParent = span?.Id,
            TraceState = span?.TraceStateString,
        };
    }
}
