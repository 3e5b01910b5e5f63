namespace SupplyChain.Contracts.Ingestion;

/// <summary>What Orleans serializes in place of an <see cref="InboundBatch"/>.</summary>
/// <param name="Payload">The events in <see cref="InboundBatchEncoding"/>.</param>
[GenerateSerializer, Immutable, Alias("sc.InboundBatchSurrogate")]
public readonly record struct InboundBatchSurrogate([property: Id(0)] byte[] Payload);

/// <summary>Converts <see cref="InboundBatch"/> to and from its compact surrogate.</summary>
[RegisterConverter]
public sealed class InboundBatchSurrogateConverter : IConverter<InboundBatch, InboundBatchSurrogate>
{
    /// <inheritdoc />
    public InboundBatch ConvertFromSurrogate(in InboundBatchSurrogate surrogate) => new(InboundBatchEncoding.Decode(surrogate.Payload));

    /// <inheritdoc />
    public InboundBatchSurrogate ConvertToSurrogate(in InboundBatch value) => new(value.Encoded ?? InboundBatchEncoding.Encode(value.Events));
}
