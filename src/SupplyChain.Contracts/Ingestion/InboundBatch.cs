namespace SupplyChain.Contracts.Ingestion;

/// <summary>
/// One stream message: the events bound for one partition gathered from concurrent requests.
/// Stream messages are what the platform pays for, so one message carries many events.
/// </summary>
/// <param name="Events">The events, in the order they were accepted.</param>
[GenerateSerializer, Immutable, Alias("sc.InboundBatch")]
public sealed record InboundBatch([property: Id(0)] IReadOnlyList<InboundEvent> Events);
