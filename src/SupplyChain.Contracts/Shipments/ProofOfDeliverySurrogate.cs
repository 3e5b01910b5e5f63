using SupplyChain.Domain.Shipments;

namespace SupplyChain.Contracts.Shipments;

/// <summary>Lets Orleans carry the domain's <see cref="ProofOfDelivery"/>.</summary>
[GenerateSerializer, Alias("sc.ProofOfDelivery")]
public readonly record struct ProofOfDeliverySurrogate(
    [property: Id(0)] string? SignedBy, [property: Id(1)] string? PhotoUrl, [property: Id(2)] string? SignatureUrl);

/// <summary>Converts <see cref="ProofOfDelivery"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class ProofOfDeliverySurrogateConverter : IConverter<ProofOfDelivery, ProofOfDeliverySurrogate>
{
    /// <inheritdoc />
    public ProofOfDelivery ConvertFromSurrogate(in ProofOfDeliverySurrogate surrogate) =>
        new(surrogate.SignedBy, surrogate.PhotoUrl, surrogate.SignatureUrl);

    /// <inheritdoc />
    public ProofOfDeliverySurrogate ConvertToSurrogate(in ProofOfDelivery value) =>
        new(value.SignedBy, value.PhotoUrl, value.SignatureUrl);
}
