namespace SupplyChain.Archive.Tracks;

/// <summary>Orders positions and drops copies. Pure.</summary>
internal static class TrackPoints
{
    /// <summary>
    /// <paramref name="points"/> in time order (by vehicle first when <paramref name="byVehicle"/>), with
    /// copies dropped: a ping archived twice has the same vehicle, time and position.
    /// </summary>
    public static List<TrackPoint> SortedDistinct(List<TrackPoint> points, bool byVehicle)
    {
        points.Sort((a, b) =>
        {
            var order = byVehicle ? string.CompareOrdinal(a.VehicleId, b.VehicleId) : 0;
            if (order == 0)
            {
                order = a.Time.CompareTo(b.Time);
            }

            if (order == 0)
            {
                order = a.Lat.CompareTo(b.Lat);
            }

            return order == 0 ? a.Lon.CompareTo(b.Lon) : order;
        });
        var distinct = new List<TrackPoint>(points.Count);
        foreach (var p in points)
        {
            if (distinct.Count == 0 || !SameFix(distinct[^1], p))
            {
                distinct.Add(p);
            }
        }

        return distinct;
    }

    private static bool SameFix(TrackPoint a, TrackPoint b) =>
        a.VehicleId == b.VehicleId && a.Time == b.Time && a.Lat.Equals(b.Lat) && a.Lon.Equals(b.Lon);
}
