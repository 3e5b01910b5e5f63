namespace SupplyChain.Domain.Fleet;

/// <summary>
/// The vehicles of one grid cell, counted: the sums of their positions rather than their mean, so
/// clusters of the same cell counted apart (by different partitions) add up exactly. Immutable.
/// </summary>
/// <param name="X">The cell's column at its level (see <see cref="WebMercator"/>).</param>
/// <param name="Y">The cell's row at its level, 0 at the north edge.</param>
/// <param name="Count">Vehicles in the cell, at least 1.</param>
/// <param name="Moving">How many of them are moving.</param>
/// <param name="LatSum">Sum of their latitudes, in degrees.</param>
/// <param name="LonSum">Sum of their longitudes, in degrees.</param>
public readonly record struct FleetCluster(int X, int Y, int Count, int Moving, double LatSum, double LonSum)
{
    /// <summary>The mean latitude of its vehicles: where the cluster is drawn.</summary>
    public double Lat => LatSum / Count;

    /// <summary>The mean longitude of its vehicles (a cell never spans the antimeridian, so the mean is a place inside it).</summary>
    public double Lon => LonSum / Count;

    /// <summary>This cluster and <paramref name="other"/>, of the same cell, as one.</summary>
    public FleetCluster Merge(FleetCluster other) =>
        this with { Count = Count + other.Count, Moving = Moving + other.Moving, LatSum = LatSum + other.LatSum, LonSum = LonSum + other.LonSum };

    /// <summary>
    /// Clusters counted apart (different partitions' clusters at one level) merged by cell, ordered
    /// by row, then column.
    /// </summary>
    public static List<FleetCluster> MergeAll(IEnumerable<FleetCluster> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var byCell = new Dictionary<(int, int), FleetCluster>();
        foreach (var cluster in clusters)
        {
            byCell[(cluster.X, cluster.Y)] = byCell.TryGetValue((cluster.X, cluster.Y), out var held) ? held.Merge(cluster) : cluster;
        }

        var merged = byCell.Values.ToList();
        merged.Sort(static (a, b) => a.Y != b.Y ? a.Y.CompareTo(b.Y) : a.X.CompareTo(b.X));
        return merged;
    }
}
