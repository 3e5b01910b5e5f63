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

    /// <summary>
    /// The keys of the shipments the event belongs to (its own, or those on board the vehicle that raised
    /// it) when one differs from its tracking number (<see cref="Shipments.ShipmentKey"/>); null when the
    /// tracking numbers the event names are the keys, as they are for a number's first account. Webhook
    /// routing matches a carrier's subscription on these, so that two accounts' shipments of one number
    /// stay apart. Not part of the CloudEvent.
    /// </summary>
    [Id(8)]
    public IReadOnlyList<string>? Shipments { get; init; }
}
