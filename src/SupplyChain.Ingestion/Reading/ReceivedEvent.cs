using System.Text.Json;
using CloudNative.CloudEvents;
using SupplyChain.Ingestion.Tracing;

namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// One event as a request carried it, read by the CloudEvents rules and not yet checked against the
/// contract: its context attributes, each already valid for its CloudEvents type where present, and its
/// <c>data</c> as the raw JSON it came as. <see cref="Data"/> points into the request's pooled body, so
/// it is valid only until the <see cref="ReceivedEvents"/> that holds it is disposed. Not thread safe.
/// </summary>
public sealed class ReceivedEvent
{
    /// <summary>The <c>id</c> attribute.</summary>
    public string? Id { get; set; }

    /// <summary>The <c>source</c> attribute, a valid URI reference.</summary>
    public string? Source { get; set; }

    /// <summary>The <c>type</c> attribute.</summary>
    public string? Type { get; set; }

    /// <summary>The <c>subject</c> attribute.</summary>
    public string? Subject { get; set; }

    /// <summary>The <c>time</c> attribute.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>The <c>datacontenttype</c> attribute; <c>application/json</c> when the event has JSON data and does not say.</summary>
    public string? DataContentType { get; set; }

    /// <summary>The distributed tracing extension's <c>traceparent</c>.</summary>
    public string? TraceParent { get; set; }

    /// <summary>The distributed tracing extension's <c>tracestate</c>.</summary>
    public string? TraceState { get; set; }

    /// <summary>
    /// What <c>data</c> is: <see cref="JsonValueKind.Undefined"/> when absent (or null), the JSON kind of
    /// its value otherwise; <c>data_base64</c> counts as <see cref="JsonValueKind.String"/>.
    /// </summary>
    public JsonValueKind DataKind { get; set; }

    /// <summary>The UTF-8 JSON of <c>data</c> when <see cref="DataKind"/> is an object; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>An event with the context attributes of an SDK <see cref="CloudEvent"/> (binary mode's headers), and no data yet.</summary>
    internal static ReceivedEvent WithAttributesOf(CloudEvent cloudEvent) => new()
    {
        Id = cloudEvent.Id,
        Source = cloudEvent.Source?.OriginalString,
        Type = cloudEvent.Type,
        Subject = cloudEvent.Subject,
        Time = cloudEvent.Time,
        DataContentType = cloudEvent.DataContentType,
        TraceParent = cloudEvent[DistributedTracing.TraceParent] as string,
        TraceState = cloudEvent[DistributedTracing.TraceState] as string,
    };
}
