namespace SupplyChain.Archive.Maintenance;

/// <summary>The one place in the cluster where the archive is looked after (key <see cref="Key"/>): hourly track indexes and retention.</summary>
public interface IArchiveMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>The grain's only key.</summary>
    const string Key = "archive";

    /// <summary>Builds the track index of every hour that is due and deletes what is past retention; returns how many hours were indexed.</summary>
    Task<int> RunDue();

    /// <summary>
    /// Erases a shipment from hour <paramref name="hour"/>'s index of vehicle events, as
    /// <see cref="Erasure.ArchiveErasure"/> erased it from the hour's event files: here, so that no index
    /// pass that read the files before they were rewritten writes its copy back afterwards.
    /// </summary>
    Task ScrubIndex(string trackingNumber, string key, string[] vehicles, DateTimeOffset hour);
}
