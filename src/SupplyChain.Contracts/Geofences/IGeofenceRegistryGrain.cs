namespace SupplyChain.Contracts.Geofences;

/// <summary>
/// The one registry of geofences (admin API), keyed <see cref="Key"/>. Each change bumps the
/// version; silos keep a local index and refresh it when the version moves, so checking a ping
/// against the fences never calls this grain.
/// </summary>
[Alias("sc.IGeofenceRegistryGrain")]
public interface IGeofenceRegistryGrain : IGrainWithStringKey
{
    /// <summary>The registry's grain key.</summary>
    public const string Key = "geofences";

    /// <summary>Stores a validated fence (GeoJSON Feature); true when it is new.</summary>
    [Alias("Put")]
    Task<bool> Put(string id, string feature);

    /// <summary>Removes a fence; false when there was none.</summary>
    [Alias("Delete")]
    Task<bool> Delete(string id);

    /// <summary>One fence's GeoJSON Feature, or null.</summary>
    [Alias("Get")]
    Task<string?> Get(string id);

    /// <summary>The current version (0 before the first change).</summary>
    [Alias("GetVersion")]
    Task<long> GetVersion();

    /// <summary>Every fence with the version they belong to.</summary>
    [Alias("GetAll")]
    Task<GeofenceSet> GetAll();
}
