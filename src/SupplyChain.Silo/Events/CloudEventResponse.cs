using System.Text.Json;
using System.Text.Json.Serialization;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Silo.Events;

/// <summary>An outbound event as a structured-mode CloudEvent (JSON format).</summary>
public sealed record CloudEventResponse(
    string Specversion, string Id, string Source, string Type, string Subject, DateTimeOffset Time,
    string Datacontenttype, JsonElement Data)
{
    /// <summary>The distributed tracing extension: the trace context of the span that raised the event.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Traceparent { get; init; }

    /// <summary>The vendor trace state that goes with <see cref="Traceparent"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tracestate { get; init; }

    /// <summary>The structured CloudEvent of <paramref name="e"/>.</summary>
    public static CloudEventResponse From(OutboundEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var data = JsonDocument.Parse(e.Data);
        return new("1.0", e.Id, e.Source, e.Type, e.Subject, e.Time, "application/json", data.RootElement.Clone())
        {
            Traceparent = e.TraceParent,
            Tracestate = e.TraceState,
        };
    }
}
