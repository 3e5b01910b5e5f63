using System.Collections.Immutable;
using NetTopologySuite.Geometries;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Routes;

/// <summary>
/// A planned route: positions joined by great-circle segments, measured in metres on the sphere
/// (exact across the antimeridian and near the poles). Immutable and thread safe.
/// </summary>
/// <remarks>
/// <see cref="Project"/> looks at every segment (O(n)); where the route passes the same place
/// twice the earlier pass wins a tie. Project once per fix and hand the result to the corridor and
/// ETA rules.
/// </remarks>
public sealed class Route
{
    private readonly double[] _startOf;

    /// <summary>Creates a route from at least two valid positions, not all the same.</summary>
    /// <exception cref="ArgumentException">Fewer than two positions, an invalid one, or zero length.</exception>
    public Route(IEnumerable<GeoPoint> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        Positions = [.. positions];
        if (Positions.Length < 2)
        {
            throw new ArgumentException("A route needs at least two positions.", nameof(positions));
        }

        foreach (var position in Positions)
        {
            if (!position.IsValid)
            {
                throw new ArgumentException($"Route position {position} is out of range.", nameof(positions));
            }
        }

        _startOf = new double[Positions.Length];
        for (var i = 1; i < Positions.Length; i++)
        {
            _startOf[i] = _startOf[i - 1] + GreatCircle.DistanceMeters(Positions[i - 1], Positions[i]);
        }

        LengthMeters = _startOf[^1];
        if (LengthMeters == 0)
        {
            throw new ArgumentException("A route needs at least two distinct positions.", nameof(positions));
        }
    }

    /// <summary>The positions in travel order.</summary>
    public ImmutableArray<GeoPoint> Positions { get; }

    /// <summary>Total length in metres.</summary>
    public double LengthMeters { get; }

    /// <summary>The first position.</summary>
    public GeoPoint Start => Positions[0];

    /// <summary>The last position.</summary>
    public GeoPoint End => Positions[^1];

    /// <summary>Creates a route from a GeoJSON-style LineString (X = longitude, Y = latitude).</summary>
    public static Route FromLineString(LineString line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new Route(line.Coordinates.Select(c => new GeoPoint(c.Y, c.X)));
    }

    /// <summary>Projects <paramref name="point"/> onto the route.</summary>
    public RouteProjection Project(GeoPoint point)
    {
        var best = default(SegmentProjection);
        var bestIndex = -1;
        for (var i = 0; i < Positions.Length - 1; i++)
        {
            var candidate = GreatCircleSegment.Project(Positions[i], Positions[i + 1], point);
            if (bestIndex < 0 || candidate.OffMeters < best.OffMeters)
            {
                best = candidate;
                bestIndex = i;
            }
        }

        var section = bestIndex == 0 && best.Fraction < 0 ? RouteSection.BeforeStart
            : bestIndex == Positions.Length - 2 && best.Fraction > 1 ? RouteSection.AfterEnd
            : RouteSection.Along;
        var along = _startOf[bestIndex] + best.AlongMeters;
        var from = Positions[bestIndex];
        var nearest = best.AlongMeters == 0 ? from
            : GreatCircle.Destination(from, GreatCircle.InitialBearing(from, Positions[bestIndex + 1]), best.AlongMeters);
        return new RouteProjection(along, best.OffMeters, Math.Max(0, LengthMeters - along), section, nearest);
    }
}
