namespace SupplyChain.Contracts.Events;

/// <summary>
/// An outbound CloudEvent as the platform keeps and publishes it. <see cref="Data"/> is the
/// JSON of the event's data, serialized once where the event is raised.
/// </summary>
[GenerateSerializer, Immutable, Alias("sc.OutboundEvent")]
public sealed record OutboundEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Source,
    [property: Id(3)] string Subject,
    [property: Id(4)] DateTimeOffset Time,
    [property: Id(5)] string Data)
{
    /// <summary>W3C trace context of the span that raised the event (CloudEvents distributed tracing extension).</summary>
    [Id(6)]
    public string? TraceParent { get; init; }

    /// <summary>The vendor trace state that goes with <see cref="TraceParent"/>.</summary>
    [Id(7)]
    public string? TraceState { get; init; }
}
