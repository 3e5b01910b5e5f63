using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Geofences;
using SupplyChain.Domain;
using SupplyChain.Domain.Geofences;
using SupplyChain.Grains.Polling;

namespace SupplyChain.Grains.Geofences;

/// <summary>
/// This silo's copy of the geofences as an immutable <see cref="GeofenceIndex"/>, so a vehicle
/// checks a ping against every fence without a remote call. It asks the registry for its version
/// every <see cref="RefreshInterval"/> and rebuilds the index off the hot path when it moved;
/// readers see the old index until the new one is swapped in whole. Polling starts once the silo
/// is active (before that no silo can host the registry). Thread safe.
/// </summary>
public sealed partial class GeofenceCatalog(
    IGrainFactory grains, IOptions<TrackingOptions> options, TimeProvider time, ILogger<GeofenceCatalog> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How often the registry's version is checked: fence changes reach every silo within about this.</summary>
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly RegistryCopy<GeofenceIndex> _copy = new(
        nameof(GeofenceCatalog), RefreshInterval, time, GeofenceIndex.Empty,
        () => Registry(grains).GetVersion(),
        () => Load(Registry(grains), options.Value.MaxGeofenceVertices, logger),
        ex => LogRefreshFailed(logger, ex));

    /// <summary>The fences as of the last refresh.</summary>
    public GeofenceIndex Index => _copy.Value;

    /// <summary>Brings the index up to the registry's current version.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => _copy.RefreshAsync(cancellationToken);

    public void Participate(ISiloLifecycle lifecycle) => _copy.Participate(lifecycle);

    public void Dispose() => _copy.Dispose();

    private static IGeofenceRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key);

    private static async Task<(long, GeofenceIndex)> Load(IGeofenceRegistryGrain registry, int maxVertices, ILogger logger)
    {
        var set = await registry.GetAll();
        var fences = new List<Geofence>(set.Features.Count);
        foreach (var (id, feature) in set.Features)
        {
            var parsed = GeofenceReader.Read(feature, id, maxVertices);
            if (parsed.Geofence is { } fence)
            {
                fences.Add(fence);
            }
            else
            {
                LogUnreadableFence(logger, id, parsed.Error?.Reason);
            }
        }

        LogRefreshed(logger, set.Version, fences.Count);
        return (set.Version, new GeofenceIndex(fences));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Geofence index rebuilt at version {Version} with {Count} fences")]
    private static partial void LogRefreshed(ILogger logger, long version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored geofence {Id} cannot be read: {Reason}")]
    private static partial void LogUnreadableFence(ILogger logger, string id, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Geofence refresh failed; keeping the current index")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
