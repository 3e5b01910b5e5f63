using SupplyChain.Contracts.Geofences;
using SupplyChain.Contracts.Streams;
using SupplyChain.Grains.Persistence;

namespace SupplyChain.Grains.Geofences;

/// <summary>
/// Holds the geofences the admin API manages. Fences are validated before they get here; this
/// grain only stores them and versions each change. It is read by each silo's
/// <see cref="GeofenceCatalog"/> when the version moves, never per ping. A change storage refused is
/// not served: the registry is let go and read again (<see cref="FailedCallDeactivation"/>).
/// </summary>
internal sealed class GeofenceRegistryGrain(
    [PersistentState("geofences", StorageNames.State)] IPersistentState<GeofenceRegistryState> state) : Grain, IGeofenceRegistryGrain, IIncomingGrainCallFilter
{
    /// <inheritdoc cref="FailedCallDeactivation"/>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) => FailedCallDeactivation.Invoke(context);

    public async Task<bool> Put(string id, string feature)
    {
        var created = !state.State.Features.ContainsKey(id);
        state.State.Features[id] = feature;
        state.State.Version++;
        await state.WriteStateAsync();
        return created;
    }

    public async Task<bool> Delete(string id)
    {
        if (!state.State.Features.Remove(id))
        {
            return false;
        }

        state.State.Version++;
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> Get(string id) => Task.FromResult(state.State.Features.GetValueOrDefault(id));

    public Task<long> GetVersion() => Task.FromResult(state.State.Version);

    public Task<GeofenceSet> GetAll() =>
        Task.FromResult(new GeofenceSet(state.State.Version, new Dictionary<string, string>(state.State.Features, StringComparer.Ordinal)));
}
