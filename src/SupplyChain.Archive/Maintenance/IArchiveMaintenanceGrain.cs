namespace SupplyChain.Archive.Maintenance;

/// <summary>The one place in the cluster where the archive is looked after (key <see cref="Key"/>): hourly track indexes and retention.</summary>
public interface IArchiveMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>The grain's only key.</summary>
    const string Key = "archive";

    /// <summary>Builds the track index of every hour that is due and deletes what is past retention; returns how many hours were indexed.</summary>
    Task<int> RunDue();
}
