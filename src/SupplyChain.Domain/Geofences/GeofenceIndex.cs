using System.Collections.Frozen;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index;
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

    [ThreadStatic]
    private static CandidateQuery? t_query;

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
        foreach (var candidate in Candidates(lon, lon, point.Lat, point.Lat))
        {
            if (candidate.Contains(point))
            {
                (result ??= []).Add(candidate);
            }
        }

        // -180 and 180 are one meridian; a piece may end at either.
        if (lon == -180)
        {
            foreach (var candidate in Candidates(180, 180, point.Lat, point.Lat))
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
        var toLon = Longitude.UnwrapNear(to.Lon, from.Lon);
        var west = Math.Min(from.Lon, toLon);
        var east = Math.Max(from.Lon, toLon);
        var south = Math.Min(from.Lat, to.Lat);
        var north = Math.Max(from.Lat, to.Lat);
        if (west >= -180 && west < 180 && east <= 180)
        {
            List<Geofence>? result = null;
            foreach (var candidate in Candidates(west, east, south, north))
            {
                if (candidate.Intersects(from, to))
                {
                    (result ??= []).Add(candidate);
                }
            }

            return result ?? (IReadOnlyList<Geofence>)[];
        }

        return CrossingAntimeridian(from, to, new Envelope(west, east, south, north));
    }

    private IReadOnlyList<Geofence> CrossingAntimeridian(GeoPoint from, GeoPoint to, Envelope unwrapped)
    {
        List<Geofence>? result = null;
        // A fence can meet the path on both sides of the antimeridian; then it is one fence.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var piece in DegreeBounds.Split(unwrapped))
        {
            foreach (var candidate in Candidates(piece.MinX, piece.MaxX, piece.MinY, piece.MaxY))
            {
                if (seen.Add(candidate.Id) && candidate.Intersects(from, to))
                {
                    (result ??= []).Add(candidate);
                }
            }
        }

        return result ?? (IReadOnlyList<Geofence>)[];
    }

    /// <summary>
    /// The fences whose bounds meet the box, in this thread's scratch list: valid until the thread's
    /// next query. An R-tree query otherwise costs an envelope and a list, and this runs twice per ping.
    /// </summary>
    private List<Geofence> Candidates(double west, double east, double south, double north)
    {
        var query = t_query ??= new CandidateQuery();
        query.Found.Clear();
        query.Bounds.Init(west, east, south, north);
        _tree.Query(query.Bounds, query);
        return query.Found;
    }

    /// <summary>One thread's envelope and result list, reused from query to query.</summary>
    private sealed class CandidateQuery : IItemVisitor<Geofence>
    {
        public Envelope Bounds { get; } = new();

        public List<Geofence> Found { get; } = [];

        public void VisitItem(Geofence item) => Found.Add(item);
    }
}
