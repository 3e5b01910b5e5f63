using System.Runtime.InteropServices;

namespace SupplyChain.Grains.Partitions;

/// <summary>
/// How often a vehicle's line in its partition's fleet list moves: at once on its first line and when
/// it starts or stops moving, otherwise at most once per refresh interval. A newer line that comes
/// sooner is held (the newest only) and listed by <see cref="Due"/> once the refresh is over, so the list
/// ends at every vehicle's latest fix. The pace is kept here, by the partition, rather than by each
/// vehicle: the line rides back on every answer to the partition's call, and what is held waits in one
/// dictionary swept by one timer per partition, not in a timer and a call of its own per vehicle. A
/// sweep looks only at the lines that are due, in the order their refresh ends: a fleet pinging every
/// second keeps a line held for nearly every vehicle, and walking them all twice a second was 1.5-1.9 %
/// of a silo's CPU with 100,000 vehicles (docs/benchmarks.md). It
/// bounds the fleet map's changes (<c>FleetGrid</c>) for a vehicle that pings faster than the map reads.
/// Not thread safe: it belongs to one partition grain.
/// </summary>
internal sealed class FleetListPacing(TimeSpan refresh)
{
    private readonly Dictionary<string, Listed> _listed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FleetLine> _held = new(StringComparer.Ordinal);
    // Each vehicle with a line held, by when the listing it waits behind was made. An entry whose vehicle
    // was listed again since (a stop began, or its refresh ended as a line came) is passed over.
    private readonly PriorityQueue<string, DateTimeOffset> _waiting = new();

    /// <summary>How many vehicles have a line held back.</summary>
    public int Held => _held.Count;

    /// <summary>
    /// True when <paramref name="line"/> goes into the list now (at <paramref name="now"/>, wall clock);
    /// false when it is held, replacing any line of the vehicle held before it.
    /// </summary>
    public bool Offer(FleetLine line, DateTimeOffset now)
    {
        if (_listed.TryGetValue(line.VehicleId, out var listed) && listed.Moving == line.Moving && now - listed.At < refresh)
        {
            // One lookup: at a fleet's rate nearly every line replaces one already held.
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(_held, line.VehicleId, out var waiting);
            held = line;
            if (!waiting)
            {
                _waiting.Enqueue(line.VehicleId, listed.At);
            }

            return false;
        }

        _listed[line.VehicleId] = new Listed(now, line.Moving);
        _held.Remove(line.VehicleId);
        return true;
    }

    /// <summary>The lines held whose refresh is over at <paramref name="now"/>, counted as listed now.</summary>
    public List<FleetLine> Due(DateTimeOffset now)
    {
        var due = new List<FleetLine>();
        while (_waiting.TryPeek(out var vehicleId, out var listedAt) && now - listedAt >= refresh)
        {
            _waiting.Dequeue();
            if (_listed[vehicleId].At == listedAt && _held.Remove(vehicleId, out var line))
            {
                due.Add(line);
                _listed[vehicleId] = new Listed(now, line.Moving);
            }
        }

        return due;
    }

    private readonly record struct Listed(DateTimeOffset At, bool Moving);
}
