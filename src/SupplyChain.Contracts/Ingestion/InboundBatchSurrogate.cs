namespace SupplyChain.Contracts.Ingestion;

/// <summary>What Orleans serializes in place of an <see cref="InboundBatch"/>.</summary>
/// <param name="Payload">The events in <see cref="InboundBatchEncoding"/>.</param>
/// <param name="PublishedAtUtcTicks">When the message was published (UTC ticks); 0 when unknown (a message of an earlier release).</param>
[GenerateSerializer, Immutable, Alias("sc.InboundBatchSurrogate")]
public readonly record struct InboundBatchSurrogate([property: Id(0)] byte[] Payload, [property: Id(1)] long PublishedAtUtcTicks);

/// <summary>Converts <see cref="InboundBatch"/> to and from its compact surrogate.</summary>
[RegisterConverter]
public sealed class InboundBatchSurrogateConverter : IConverter<InboundBatch, InboundBatchSurrogate>
{
    /// <inheritdoc />
    public InboundBatch ConvertFromSurrogate(in InboundBatchSurrogate surrogate) => new(InboundBatchEncoding.Decode(surrogate.Payload))
    {
        PublishedAt = surrogate.PublishedAtUtcTicks > 0 ? new DateTimeOffset(surrogate.PublishedAtUtcTicks, TimeSpan.Zero) : null,
    };

    /// <inheritdoc />
    public InboundBatchSurrogate ConvertToSurrogate(in InboundBatch value) =>
        new(value.Encoded ?? InboundBatchEncoding.Encode(value.Events), value.PublishedAt?.UtcTicks ?? 0);
}
