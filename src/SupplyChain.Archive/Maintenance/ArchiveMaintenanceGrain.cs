using SupplyChain.Archive.Erasure;
using SupplyChain.Archive.Tracks;

namespace SupplyChain.Archive.Maintenance;

/// <summary>
/// Runs the <see cref="TrackIndexer"/> and the <see cref="ArchiveRetention"/> in one place: every silo
/// asks it once per index period, and a grain takes one call at a time, so no hour is built twice at once.
/// </summary>
internal sealed class ArchiveMaintenanceGrain(TrackIndexer indexer, ArchiveRetention retention, ArchiveErasure erasure) : Grain, IArchiveMaintenanceGrain
{
    public async Task<int> RunDue()
    {
        await retention.DeleteExpiredAsync(CancellationToken.None);
        return await indexer.IndexDueHoursAsync(CancellationToken.None);
    }

    public Task ScrubIndex(string trackingNumber, string key, string[] vehicles, DateTimeOffset hour) =>
        erasure.ScrubIndexAsync(new ErasedShipment(trackingNumber, key, vehicles.ToHashSet(StringComparer.Ordinal)), hour, CancellationToken.None);
}
