using System.Diagnostics.CodeAnalysis;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Fleet;

/// <summary>
/// The fleet as a map reads it: each vehicle's latest line at its position, in buckets of a fixed
/// grid (level <see cref="BucketLevel"/> of <see cref="WebMercator"/>, about 156 km at the equator),
/// so a box is answered from the buckets it overlaps, not the whole fleet. Every change gets the next
/// <see cref="Version"/> and goes into a log of recent changes with the vehicle's position before it,
/// so a reader holding what a box showed at a version can ask for exactly what changed since: the
/// lines now inside and the vehicles that left. The log keeps the last changes (at least
/// <see cref="MinLogLength"/>, and twice the fleet size: a change per vehicle every 2 s leaves a
/// reader 4 s); an older version gets null, and the reader starts over. Vehicles are never removed:
/// a vehicle keeps its last line. Not thread safe: one owner (a partition grain) uses it.
/// </summary>
/// <typeparam name="TLine">
/// What is listed for a vehicle (immutable; returned as given). A struct of values suits a long-lived
/// grid whose lines are replaced often: the grid then holds no young objects for a collection to find.
/// </typeparam>
public sealed class FleetGrid<TLine>
{
    /// <summary>The level of the bucket grid: 256 × 256 buckets over the world.</summary>
    public const int BucketLevel = 8;

    /// <summary>The fewest changes the log keeps.</summary>
    public const int MinLogLength = 4096;

    /// <summary>Buckets on each axis.</summary>
    private const int Buckets = 1 << BucketLevel;

    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _buckets = [];
    private Entry[] _entries = new Entry[64];
    private Change[] _log = new Change[MinLogLength];
    private long _oldestLogged = 1;
    // Which slots a reading of changes has met already: marked with the reading's number, so nothing is allocated or cleared per reading.
    private int[] _metBy = new int[64];
    private int _reading;

    /// <summary>Vehicles held.</summary>
    public int Count { get; private set; }

    /// <summary>How many of them are moving, by their lines.</summary>
    public int Moving { get; private set; }

    /// <summary>The number of changes made so far; 0 while empty.</summary>
    public long Version { get; private set; }

    /// <summary>Every vehicle's line, in no particular order.</summary>
    public IEnumerable<TLine> Lines
    {
        get
        {
            for (var slot = 0; slot < Count; slot++)
            {
                yield return _entries[slot].Line;
            }
        }
    }

    /// <summary>The line of vehicle <paramref name="id"/>, if it is held.</summary>
    public bool TryGet(string id, [MaybeNullWhen(false)] out TLine line)
    {
        if (_slotOf.TryGetValue(id, out var slot))
        {
            line = _entries[slot].Line;
            return true;
        }

        line = default;
        return false;
    }

    /// <summary>Holds <paramref name="line"/> as vehicle <paramref name="id"/>'s, at <paramref name="at"/> (a valid position), moving or not: one change.</summary>
    public void Put(string id, GeoPoint at, bool moving, TLine line)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (line is null)
        {
            throw new ArgumentNullException(nameof(line));
        }

        if (!at.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "The position must be a valid latitude and longitude.");
        }

        var x = WebMercator.X(at.Lon);
        var y = WebMercator.Y(at.Lat);
        var bucket = BucketOf(x, y);
        if (_slotOf.TryGetValue(id, out var slot))
        {
            ref var entry = ref _entries[slot];
            Log(new Change(slot, entry.Lat, entry.Lon, Known: true));
            if (entry.Bucket != bucket)
            {
                Unbucket(entry.Bucket, entry.IndexInBucket);
                entry.Bucket = bucket;
                entry.IndexInBucket = Bucket(slot, bucket);
            }

            Moving += (moving ? 1 : 0) - (entry.Moving ? 1 : 0);
            entry.Lat = at.Lat;
            entry.Lon = at.Lon;
            entry.X = x;
            entry.Y = y;
            entry.Moving = moving;
            entry.Line = line;
            return;
        }

        slot = Count;
        if (slot == _entries.Length)
        {
            Array.Resize(ref _entries, slot * 2);
            Array.Resize(ref _metBy, slot * 2);
        }

        _entries[slot] = new Entry { Id = id, Line = line, Lat = at.Lat, Lon = at.Lon, X = x, Y = y, Moving = moving, Bucket = bucket };
        _entries[slot].IndexInBucket = Bucket(slot, bucket);
        _slotOf.Add(id, slot);
        Count++;
        Moving += moving ? 1 : 0;
        Log(new Change(slot, 0, 0, Known: false));
    }

    /// <summary>How many vehicles are inside <paramref name="box"/>.</summary>
    public int CountWithin(MapBox box)
    {
        var count = 0;
        foreach (var _ in SlotsWithin(box))
        {
            count++;
        }

        return count;
    }

    /// <summary>The lines of the vehicles inside <paramref name="box"/>, in no particular order.</summary>
    public List<TLine> Within(MapBox box)
    {
        var lines = new List<TLine>();
        foreach (var slot in SlotsWithin(box))
        {
            lines.Add(_entries[slot].Line);
        }

        return lines;
    }

    /// <summary>The vehicles inside <paramref name="box"/> counted per cell of <paramref name="level"/> (0 to <see cref="WebMercator.MaxLevel"/>), ordered by row, then column.</summary>
    public List<FleetCluster> Clusters(MapBox box, int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, WebMercator.MaxLevel);
        var cells = new Dictionary<(int, int), FleetCluster>();
        foreach (var slot in SlotsWithin(box))
        {
            ref readonly var entry = ref _entries[slot];
            var cell = (WebMercator.Cell(entry.X, level), WebMercator.Cell(entry.Y, level));
            var one = new FleetCluster(cell.Item1, cell.Item2, 1, entry.Moving ? 1 : 0, entry.Lat, entry.Lon);
            cells[cell] = cells.TryGetValue(cell, out var held) ? held.Merge(one) : one;
        }

        var clusters = cells.Values.ToList();
        clusters.Sort(static (a, b) => a.Y != b.Y ? a.Y.CompareTo(b.Y) : a.X.CompareTo(b.X));
        return clusters;
    }

    /// <summary>
    /// What changed inside <paramref name="box"/> since <paramref name="version"/> (a <see cref="Version"/>
    /// read before); null when the log no longer reaches back to it, or it is not a version of this grid.
    /// </summary>
    public FleetChanges<TLine>? ChangesSince(long version, MapBox box)
    {
        if (version > Version || version + 1 < _oldestLogged)
        {
            return null;
        }

        if (++_reading == int.MaxValue)
        {
            Array.Clear(_metBy);
            _reading = 1;
        }

        var changed = new List<TLine>();
        var left = new List<string>();
        var mask = _log.Length - 1;
        for (var v = version + 1; v <= Version; v++)
        {
            var change = _log[(int)(v & mask)];
            // The first change since the version holds where the vehicle was then; later ones add nothing.
            if (_metBy[change.Slot] == _reading)
            {
                continue;
            }

            _metBy[change.Slot] = _reading;
            ref readonly var entry = ref _entries[change.Slot];
            if (box.Contains(entry.Lat, entry.Lon))
            {
                changed.Add(entry.Line);
            }
            else if (change.Known && box.Contains(change.FromLat, change.FromLon))
            {
                left.Add(entry.Id);
            }
        }

        return new FleetChanges<TLine>(changed, left);
    }

    /// <summary>
    /// The lines of the vehicles whose id contains <paramref name="text"/> (ASCII case ignored; every
    /// vehicle when empty), the first <paramref name="limit"/> by id in ordinal order.
    /// </summary>
    public List<TLine> Matching(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var matches = new List<(string Id, TLine Line)>();
        for (var slot = 0; slot < Count; slot++)
        {
            ref readonly var entry = ref _entries[slot];
            if (entry.Id.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add((entry.Id, entry.Line));
            }
        }

        matches.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return [.. matches.Take(limit).Select(m => m.Line)];
    }

    /// <summary>
    /// The slots of the vehicles inside <paramref name="box"/>: from the buckets it overlaps, or from
    /// every bucket held when it overlaps more buckets than are held (a box of the whole world).
    /// </summary>
    private IEnumerable<int> SlotsWithin(MapBox box)
    {
        var (left, right) = (BucketIndex(WebMercator.X(box.West)), BucketIndex(WebMercator.X(box.East)));
        var (top, bottom) = (BucketIndex(WebMercator.Y(box.North)), BucketIndex(WebMercator.Y(box.South)));
        IEnumerable<List<int>> buckets = (long)(right - left + 1) * (bottom - top + 1) > _buckets.Count
            ? _buckets.Where(b => b.Key % Buckets >= left && b.Key % Buckets <= right && b.Key / Buckets >= top && b.Key / Buckets <= bottom).Select(b => b.Value)
            : Overlapped(left, right, top, bottom);
        foreach (var bucket in buckets)
        {
            foreach (var slot in bucket)
            {
                if (box.Contains(_entries[slot].Lat, _entries[slot].Lon))
                {
                    yield return slot;
                }
            }
        }
    }

    private IEnumerable<List<int>> Overlapped(int left, int right, int top, int bottom)
    {
        for (var row = top; row <= bottom; row++)
        {
            for (var column = left; column <= right; column++)
            {
                if (_buckets.TryGetValue(row * Buckets + column, out var bucket))
                {
                    yield return bucket;
                }
            }
        }
    }

    private static int BucketIndex(double unit) => WebMercator.Cell(unit, BucketLevel);

    private static int BucketOf(double x, double y) => BucketIndex(y) * Buckets + BucketIndex(x);

    /// <summary>Adds <paramref name="slot"/> to <paramref name="bucket"/>; its index there.</summary>
    private int Bucket(int slot, int bucket)
    {
        if (!_buckets.TryGetValue(bucket, out var slots))
        {
            _buckets.Add(bucket, slots = []);
        }

        slots.Add(slot);
        return slots.Count - 1;
    }

    /// <summary>Takes the slot at <paramref name="index"/> out of <paramref name="bucket"/>: the bucket's last slot takes its place.</summary>
    private void Unbucket(int bucket, int index)
    {
        var slots = _buckets[bucket];
        var last = slots[^1];
        slots[index] = last;
        _entries[last].IndexInBucket = index;
        slots.RemoveAt(slots.Count - 1);
        if (slots.Count == 0)
        {
            _buckets.Remove(bucket);
        }
    }

    private void Log(Change change)
    {
        if (_log.Length < 2L * Count && _log.Length < 1 << 30)
        {
            // Twice as long, the changes held kept where the new mask puts them.
            var longer = new Change[_log.Length * 2];
            for (var v = _oldestLogged; v <= Version; v++)
            {
                longer[(int)(v & (longer.Length - 1))] = _log[(int)(v & (_log.Length - 1))];
            }

            _log = longer;
        }

        Version++;
        _log[(int)(Version & (_log.Length - 1))] = change;
        _oldestLogged = Math.Max(_oldestLogged, Version - _log.Length + 1);
    }

    private struct Entry
    {
        public string Id;
        public TLine Line;
        public double Lat;
        public double Lon;
        public double X;
        public double Y;
        public int Bucket;
        public int IndexInBucket;
        public bool Moving;
    }

    /// <summary>One change: whose (slot), and where the vehicle was before it (<c>Known</c> false for its first line).</summary>
    private readonly record struct Change(int Slot, double FromLat, double FromLon, bool Known);
}
