using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Contracts.Geodesy;

/// <summary>Lets Orleans carry the domain's <see cref="GeoPoint"/>, which knows nothing of Orleans.</summary>
[GenerateSerializer, Alias("sc.GeoPoint")]
public readonly record struct GeoPointSurrogate([property: Id(0)] double Lat, [property: Id(1)] double Lon);

/// <summary>Converts <see cref="GeoPoint"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class GeoPointSurrogateConverter : IConverter<GeoPoint, GeoPointSurrogate>
{
    /// <inheritdoc />
    public GeoPoint ConvertFromSurrogate(in GeoPointSurrogate surrogate) => new(surrogate.Lat, surrogate.Lon);

    /// <inheritdoc />
    public GeoPointSurrogate ConvertToSurrogate(in GeoPoint value) => new(value.Lat, value.Lon);
}
