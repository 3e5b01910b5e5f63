using SupplyChain.Domain.Fleet;

namespace SupplyChain.Contracts.Fleet;

/// <summary>Lets Orleans carry the domain's <see cref="FleetCluster"/>, which knows nothing of Orleans.</summary>
[GenerateSerializer, Alias("sc.FleetCluster")]
public readonly record struct FleetClusterSurrogate(
    [property: Id(0)] int X, [property: Id(1)] int Y, [property: Id(2)] int Count, [property: Id(3)] int Moving,
    [property: Id(4)] double LatSum, [property: Id(5)] double LonSum);

/// <summary>Converts <see cref="FleetCluster"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class FleetClusterSurrogateConverter : IConverter<FleetCluster, FleetClusterSurrogate>
{
    /// <inheritdoc />
    public FleetCluster ConvertFromSurrogate(in FleetClusterSurrogate surrogate) =>
        new(surrogate.X, surrogate.Y, surrogate.Count, surrogate.Moving, surrogate.LatSum, surrogate.LonSum);

    /// <inheritdoc />
    public FleetClusterSurrogate ConvertToSurrogate(in FleetCluster value) =>
        new(value.X, value.Y, value.Count, value.Moving, value.LatSum, value.LonSum);
}
