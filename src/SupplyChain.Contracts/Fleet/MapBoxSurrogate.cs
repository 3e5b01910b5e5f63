using SupplyChain.Domain.Fleet;

namespace SupplyChain.Contracts.Fleet;

/// <summary>Lets Orleans carry the domain's <see cref="MapBox"/>, which knows nothing of Orleans.</summary>
[GenerateSerializer, Alias("sc.MapBox")]
public readonly record struct MapBoxSurrogate(
    [property: Id(0)] double West, [property: Id(1)] double South, [property: Id(2)] double East, [property: Id(3)] double North);

/// <summary>Converts <see cref="MapBox"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class MapBoxSurrogateConverter : IConverter<MapBox, MapBoxSurrogate>
{
    /// <inheritdoc />
    public MapBox ConvertFromSurrogate(in MapBoxSurrogate surrogate) => new(surrogate.West, surrogate.South, surrogate.East, surrogate.North);

    /// <inheritdoc />
    public MapBoxSurrogate ConvertToSurrogate(in MapBox value) => new(value.West, value.South, value.East, value.North);
}
