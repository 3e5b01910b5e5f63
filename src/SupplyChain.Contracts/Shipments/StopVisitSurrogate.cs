using SupplyChain.Domain.Eta;

namespace SupplyChain.Contracts.Shipments;

/// <summary>Lets a shipment keep the domain's <see cref="StopVisit"/> in its state.</summary>
[GenerateSerializer, Alias("sc.StopVisit")]
public readonly record struct StopVisitSurrogate(
    [property: Id(0)] int Stop, [property: Id(1)] DateTimeOffset ReachedAt, [property: Id(2)] DateTimeOffset? LeftAt);

/// <summary>Converts <see cref="StopVisit"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class StopVisitSurrogateConverter : IConverter<StopVisit, StopVisitSurrogate>
{
    /// <inheritdoc />
    public StopVisit ConvertFromSurrogate(in StopVisitSurrogate surrogate) => new(surrogate.Stop, surrogate.ReachedAt, surrogate.LeftAt);

    /// <inheritdoc />
    public StopVisitSurrogate ConvertToSurrogate(in StopVisit value) => new(value.Stop, value.ReachedAt, value.LeftAt);
}
