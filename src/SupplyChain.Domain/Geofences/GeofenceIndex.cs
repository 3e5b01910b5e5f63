using System.Collections.Frozen;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// An immutable snapshot of all geofences for point and segment queries: an STR-packed R-tree
/// over the fences' degree bounds (split in two where a fence crosses the antimeridian), and an
/// exact test on each candidate (prepared polygons, circles and corridors in metres).
/// </summary>
/// <remarks>
/// Built once and never changed: on any change build a new index and swap the reference.
/// Thread safe: the tree is packed in the constructor, so concurrent queries only read.
/// Holds 100,000 fences comfortably; building is O(n log n).
/// </remarks>
public sealed class GeofenceIndex
{
    private readonly STRtree<Geofence> _tree = new();
    private readonly FrozenDictionary<string, Geofence> _byId;

    /// <summary>Builds the snapshot. A later fence with an id seen before replaces the earlier one.</summary>
    public GeofenceIndex(IEnumerable<Geofence> geofences)
    {
        ArgumentNullException.ThrowIfNull(geofences);
        var byId = new Dictionary<string, Geofence>(StringComparer.Ordinal);
        foreach (var geofence in geofences)
        {
            byId[geofence.Id] = geofence;
        }

        _byId = byId.ToFrozenDictionary(StringComparer.Ordinal);
        foreach (var geofence in _byId.Values)
        {
            foreach (var piece in DegreeBounds.Split(geofence.Bounds))
            {
                _tree.Insert(piece, geofence);
            }
        }

        _tree.Build();
    }

    /// <summary>An index without fences.</summary>
    public static GeofenceIndex Empty { get; } = new([]);

    /// <summary>Number of fences.</summary>
    public int Count => _byId.Count;

    /// <summary>All fences, in no particular order.</summary>
    public IEnumerable<Geofence> Geofences => _byId.Values;

    /// <summary>The fence with <paramref name="id"/>, if present.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Geofence? geofence) =>
        _byId.TryGetValue(id, out geofence);

    /// <summary>Every fence that contains <paramref name="point"/> (boundary included).</summary>
    public IReadOnlyList<Geofence> Containing(GeoPoint point)
    {
        var lon = Longitude.Normalize(point.Lon);
        // Most fixes are in no fence: the list is made only for a hit, as this runs for every ping.
        List<Geofence>? result = null;
        foreach (var candidate in _tree.Query(new Envelope(new Coordinate(lon, point.Lat))))
        {
            if (candidate.Contains(point))
            {
                (result ??= []).Add(candidate);
            }
        }

        // -180 and 180 are one meridian; a piece may end at either.
        if (lon == -180)
        {
            foreach (var candidate in _tree.Query(new Envelope(new Coordinate(180, point.Lat))))
            {
                if (result?.Contains(candidate) != true && candidate.Contains(point))
                {
                    (result ??= []).Add(candidate);
                }
            }
        }

        return result ?? (IReadOnlyList<Geofence>)[];
    }

    /// <summary>
    /// Every fence that the straight path between two consecutive fixes touches, for pings too
    /// sparse to land inside a small fence. Meant for paths of up to a few hundred kilometres.
    /// </summary>
    public IReadOnlyList<Geofence> Crossing(GeoPoint from, GeoPoint to)
    {
        var envelope = new Envelope(from.Lon, Longitude.UnwrapNear(to.Lon, from.Lon), from.Lat, to.Lat);
        List<Geofence>? result = null;
        HashSet<string>? seen = null;
        var pieces = DegreeBounds.Split(envelope);
        foreach (var piece in pieces)
        {
            foreach (var candidate in _tree.Query(piece))
            {
                // A fence can meet the path on both sides of the antimeridian; then it is one fence.
                if (pieces.Count > 1 && !(seen ??= new(StringComparer.Ordinal)).Add(candidate.Id))
                {
                    continue;
                }

                if (candidate.Intersects(from, to))
                {
                    (result ??= []).Add(candidate);
                }
            }
        }

        return result ?? (IReadOnlyList<Geofence>)[];
    }
}
