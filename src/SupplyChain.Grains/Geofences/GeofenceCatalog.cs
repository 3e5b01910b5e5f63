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
internal sealed partial class GeofenceCatalog(
    IGrainFactory grains, IOptions<TrackingOptions> options, TimeProvider time, ILogger<GeofenceCatalog> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How often the registry's version is checked: fence changes reach every silo within about this.</summary>
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private ActiveSiloPoller? _poller;

    // Built on first use: a field initializer cannot refer to the refresh method.
    private ActiveSiloPoller Poller => _poller ??=
        new(nameof(GeofenceCatalog), RefreshInterval, time, token => RefreshAsync(token), ex => LogRefreshFailed(logger, ex));
    private volatile Snapshot _current = new(0, GeofenceIndex.Empty);

    /// <summary>The fences as of <see cref="Version"/>.</summary>
    public GeofenceIndex Index => _current.Index;

    /// <summary>The registry version the index was built from.</summary>
    public long Version => _current.Version;

    /// <summary>Brings the index up to the registry's current version.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var registry = grains.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key);
            if (await registry.GetVersion() == _current.Version)
            {
                return;
            }

            var set = await registry.GetAll();
            var fences = new List<Geofence>(set.Features.Count);
            foreach (var (id, feature) in set.Features)
            {
                var parsed = GeofenceReader.Read(feature, id, options.Value.MaxGeofenceVertices);
                if (parsed.Geofence is { } fence)
                {
                    fences.Add(fence);
                }
                else
                {
                    LogUnreadableFence(logger, id, parsed.Error?.Reason);
                }
            }

            _current = new Snapshot(set.Version, new GeofenceIndex(fences));
            LogRefreshed(logger, set.Version, fences.Count);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Participate(ISiloLifecycle lifecycle) => Poller.Participate(lifecycle);

    public void Dispose()
    {
        _refreshing.Dispose();
        _poller?.Dispose();
    }

    private sealed record Snapshot(long Version, GeofenceIndex Index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Geofence index rebuilt at version {Version} with {Count} fences")]
    private static partial void LogRefreshed(ILogger logger, long version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored geofence {Id} cannot be read: {Reason}")]
    private static partial void LogUnreadableFence(ILogger logger, string id, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Geofence refresh failed; keeping the current index")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
