namespace SupplyChain.Domain.Geodesy;

/// <summary>
/// A position on the WGS 84 ellipsoid in decimal degrees. Immutable.
/// </summary>
/// <param name="Lat">Latitude in degrees, [-90, 90].</param>
/// <param name="Lon">Longitude in degrees, [-180, 180].</param>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    /// <summary>True when both coordinates are finite and inside their ranges.</summary>
    public bool IsValid =>
        double.IsFinite(Lat) && double.IsFinite(Lon) && Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180;

    /// <summary>Great-circle distance to <paramref name="other"/> in metres.</summary>
    public double DistanceTo(GeoPoint other) => GreatCircle.DistanceMeters(this, other);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"({Lat:F6}, {Lon:F6})");
}
