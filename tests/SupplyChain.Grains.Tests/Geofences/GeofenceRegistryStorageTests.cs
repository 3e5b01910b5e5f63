using SupplyChain.Contracts.Geofences;
using SupplyChain.Grains.Tests.Infrastructure;

namespace SupplyChain.Grains.Tests.Geofences;

/// <summary>
/// A geofence change storage refused is not served: the admin got an error, and every silo reading
/// the registry must go on seeing what storage holds, not a fence that a restart would drop.
/// </summary>
public sealed class GeofenceRegistryStorageTests : IAsyncLifetime
{
    private const string Square = """{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[4,51],[5,51],[5,52],[4,52],[4,51]]]},"properties":{}}""";
    private GatedCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await GatedCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task PutAndDeleteRefused_NeitherIsServed()
    {
        var registry = _cluster.Client.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key);
        var kept = "kept-" + Guid.NewGuid().ToString("N")[..8];
        var refused = "refused-" + Guid.NewGuid().ToString("N")[..8];
        await registry.Put(kept, Square);
        var version = await registry.GetVersion();

        _cluster.Storage.Refuse("geofence");
        await Assert.ThrowsAnyAsync<Exception>(() => registry.Put(refused, Square));
        await Assert.ThrowsAnyAsync<Exception>(() => registry.Delete(kept));
        _cluster.Storage.Open();

        var served = await GatedCluster.SentAgainUntilAnswered(registry.GetAll);
        Assert.Equal(version, served.Version);
        Assert.Equal([kept], served.Features.Keys);
    }
}
