namespace SupplyChain.Grains.Polling;

/// <summary>
/// A silo-local copy of a registry grain's contents (the geofences, the webhook subscriptions),
/// built into a read-only value that hot paths read without a remote call. It asks the registry
/// for its version every interval once the silo is active (see <see cref="ActiveSiloPoller"/>),
/// loads and rebuilds only when the version moved, and swaps the new value in whole, so readers see
/// either the old copy or the new one. Refreshes run one at a time. Thread safe.
/// </summary>
/// <typeparam name="T">The built copy, immutable.</typeparam>
internal sealed class RegistryCopy<T> : IDisposable
    where T : class
{
    private readonly Func<Task<long>> _version;
    private readonly Func<Task<(long Version, T Value)>> _load;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly ActiveSiloPoller _poller;
    private volatile Snapshot _current;

    /// <param name="name">Names the lifecycle participant.</param>
    /// <param name="interval">How often the registry's version is checked.</param>
    /// <param name="time">The clock of the checks.</param>
    /// <param name="empty">The copy before the first load; its version is one no registry reports.</param>
    /// <param name="version">Asks the registry for its current version.</param>
    /// <param name="load">Loads the registry's contents and builds the copy, with the version it is of.</param>
    /// <param name="failed">Reports a failed periodic refresh (the old copy stays).</param>
    public RegistryCopy(
        string name, TimeSpan interval, TimeProvider time, T empty,
        Func<Task<long>> version, Func<Task<(long Version, T Value)>> load, Action<Exception> failed)
    {
        _version = version;
        _load = load;
        _current = new Snapshot(-1, empty);
        _poller = new ActiveSiloPoller(name, interval, time, RefreshAsync, failed);
    }

    /// <summary>The copy as of the last refresh.</summary>
    public T Value => _current.Value;

    /// <summary>Brings the copy up to the registry's current version.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (await _version() != _current.Version)
            {
                var (version, value) = await _load();
                _current = new Snapshot(version, value);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Participate(ISiloLifecycle lifecycle) => _poller.Participate(lifecycle);

    public void Dispose()
    {
        _refreshing.Dispose();
        _poller.Dispose();
    }

    private sealed record Snapshot(long Version, T Value);
}
