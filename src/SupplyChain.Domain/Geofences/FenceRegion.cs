using NetTopologySuite.Geometries;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// The area of a geofence and the tests the rules need on it. Implementations are immutable and
/// thread safe (lazy helpers are built under <see cref="Lazy{T}"/>'s lock).
/// </summary>
internal abstract class FenceRegion
{
    protected static readonly GeometryFactory Factory = new();

    /// <summary>Degrees, longitudes unwrapped; covers every point <see cref="Contains"/> accepts.</summary>
    public abstract Envelope Bounds { get; }

    public abstract bool Contains(GeoPoint point);

    /// <summary>Metres from <paramref name="point"/> to the nearest point of the fence's boundary.</summary>
    public abstract double DistanceToBoundaryMeters(GeoPoint point);

    /// <summary>True when the straight segment between the two positions touches the fence.</summary>
    public abstract bool Intersects(GeoPoint from, GeoPoint to);

    /// <summary>The first and last fraction of the segment that lie inside; null when it misses.</summary>
    public abstract (double Enter, double Exit)? CrossingFractions(GeoPoint from, GeoPoint to);
}
