using SupplyChain.Contracts.Fleet;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Fleet;
using SupplyChain.Silo.Vehicles;

namespace SupplyChain.Silo.Fleet;

/// <summary>
/// Answers <c>GET /api/ops/map</c> from the partitions: each counts, lists or clusters its own vehicles
/// inside the box (or says what changed there since the cursor), and this merges their answers. When
/// a cursor cannot be followed (another view, a partition activated afresh or whose log no longer
/// reaches back) the partitions are asked again for the whole view, so an answer is either whole or
/// exactly what changed. Its size is bounded: at most <c>markerLimit</c> vehicles (and, following a
/// cursor, as many that left), or at most <see cref="ClusterLevel.MaxCellsAcross"/> squared clusters.
/// </summary>
internal sealed class FleetMapReader(IGrainFactory grains, int partitions, int markerLimit)
{
    public async Task<FleetMapResponse> ReadAsync(MapBox box, int zoom, FleetMapCursor? cursor)
    {
        var level = ClusterLevel.For(box, zoom);
        var view = FleetMapCursor.ViewOf(box, zoom);
        var follow = cursor is not null && cursor.View == view && cursor.Versions.Count == partitions ? cursor : null;
        var slices = await AskAsync(box, level, follow);
        var within = slices.Sum(s => s.Within);
        var followed = follow is not null
            && follow.Activations == FleetMapCursor.ActivationsOf(slices.Select(s => s.Epoch))
            && slices.All(s => s.Changes is not null);

        if (within > markerLimit)
        {
            // Clusters are whole in every slice; nothing inside having changed, the reader keeps what it shows.
            var unchanged = followed && follow!.Clusters && slices.All(s => !s.Changes!.Any);
            return Answer(slices, view, zoom, level, clusters: true, full: !unchanged, vehicles: [], left: []);
        }

        if (followed && !follow!.Clusters)
        {
            return Answer(
                slices, view, zoom, level, clusters: false, full: false,
                vehicles: slices.SelectMany(s => s.Changes!.Changed), left: slices.SelectMany(s => s.Changes!.Left));
        }

        if (follow is not null)
        {
            slices = await AskAsync(box, level, follow: null);
            if (slices.Sum(s => s.Within) > markerLimit)
            {
                return Answer(slices, view, zoom, level, clusters: true, full: true, vehicles: [], left: []);
            }
        }

        return Answer(slices, view, zoom, level, clusters: false, full: true, vehicles: slices.SelectMany(s => s.Vehicles!), left: []);
    }

    private async Task<FleetMapSlice[]> AskAsync(MapBox box, int level, FleetMapCursor? follow) =>
        await Task.WhenAll(grains.GetPartitions(partitions).Select((p, i) => p.GetMap(new FleetMapQuery(box, level, markerLimit, follow?.Versions[i]))));

    private static FleetMapResponse Answer(
        FleetMapSlice[] slices, ulong view, int zoom, int level, bool clusters, bool full, IEnumerable<VehicleSummary> vehicles, IEnumerable<string> left)
    {
        var cursor = new FleetMapCursor(
            clusters, view, FleetMapCursor.ActivationsOf(slices.Select(s => s.Epoch)), [.. slices.Select(s => s.Version)]);
        IReadOnlyList<FleetClusterResponse> cells = clusters && full
            ? [.. FleetCluster.MergeAll(slices.SelectMany(s => s.Clusters)).Select(c => new FleetClusterResponse(Round(c.Lat), Round(c.Lon), c.Count, c.Moving))]
            : [];
        return new FleetMapResponse(
            clusters ? FleetMapResponse.ClustersMode : FleetMapResponse.MarkersMode,
            full,
            cursor.Encode(),
            zoom,
            level,
            slices.Sum(s => s.Within),
            new FleetCounts(slices.Sum(s => s.Fleet), slices.Sum(s => s.Moving)),
            [.. vehicles.OrderBy(v => v.VehicleId, StringComparer.Ordinal).Select(VehicleListItem.From)],
            [.. left.Order(StringComparer.Ordinal)],
            cells);
    }

    /// <summary>A cluster's centre to about a metre: more digits would only lengthen the answer.</summary>
    private static double Round(double degrees) => Math.Round(degrees, 5);
}
