namespace SupplyChain.Contracts.Ingestion;

/// <summary>
/// An accepted inbound CloudEvent on its way through a partition stream to the grain it is about.
/// </summary>
/// <param name="Source">The CloudEvent <c>source</c>.</param>
/// <param name="Id">The CloudEvent <c>id</c>; with <paramref name="Source"/> it identifies the event.</param>
/// <param name="Time">The CloudEvent <c>time</c>: when it happened (event time).</param>
[GenerateSerializer, Immutable, Alias("sc.InboundEvent")]
public abstract record InboundEvent(
    [property: Id(0)] string Source,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset Time)
{
    /// <summary>The key that picks the partition and the grain: a tracking number or a vehicle id.</summary>
    public abstract string Key { get; }

    /// <summary>
    /// W3C trace context of the event (the CloudEvents distributed tracing extension), or of the
    /// request that posted it; carried through the stream so the handling joins the same trace.
    /// </summary>
    [Id(3)]
    public string? TraceParent { get; init; }

    /// <summary>The vendor trace state that goes with <see cref="TraceParent"/>.</summary>
    [Id(4)]
    public string? TraceState { get; init; }
}
