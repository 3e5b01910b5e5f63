namespace SupplyChain.Grains.Partitions;

/// <summary>
/// How often a vehicle's line in its partition's fleet list moves: at once on its first line and when
/// it starts or stops moving, otherwise at most once per refresh interval. A newer line that comes
/// sooner is held (the newest only) and listed by <see cref="Due"/> once the refresh is over, so the list
/// ends at every vehicle's latest fix. The pace is kept here, by the partition, rather than by each
/// vehicle: the line rides back on every answer to the partition's call, and what is held waits in one
/// dictionary swept by one timer per partition, not in a timer and a call of its own per vehicle. It
/// bounds the fleet map's changes (<c>FleetGrid</c>) for a vehicle that pings faster than the map reads.
/// Not thread safe: it belongs to one partition grain.
/// </summary>
internal sealed class FleetListPacing(TimeSpan refresh)
{
    private readonly Dictionary<string, Listed> _listed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FleetLine> _held = new(StringComparer.Ordinal);

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
            _held[line.VehicleId] = line;
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
        foreach (var (vehicleId, line) in _held)
        {
            if (now - _listed[vehicleId].At >= refresh)
            {
                due.Add(line);
            }
        }

        foreach (var line in due)
        {
            _held.Remove(line.VehicleId);
            _listed[line.VehicleId] = new Listed(now, line.Moving);
        }

        return due;
    }

    private readonly record struct Listed(DateTimeOffset At, bool Moving);
}
