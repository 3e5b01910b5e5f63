using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Archive.Hosting;

namespace SupplyChain.Archive.Maintenance;

/// <summary>
/// Asks the <see cref="IArchiveMaintenanceGrain"/> to index due hours and apply retention once per
/// <see cref="ArchiveOptions.IndexPeriod"/> while the silo is active. Each silo asks; the grain does the work once at a time.
/// </summary>
internal sealed partial class ArchiveMaintenanceSchedule(IGrainFactory grains, IOptions<ArchiveOptions> options, TimeProvider time, ILogger<ArchiveMaintenanceSchedule> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ArchiveMaintenanceSchedule), ServiceLifecycleStage.Active, Start, Stop);

    public void Dispose() => _stopping.Dispose();

    private Task Start(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.IndexPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await grains.GetGrain<IArchiveMaintenanceGrain>(IArchiveMaintenanceGrain.Key).RunDue();
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    LogIndexFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive maintenance (track index, retention) failed; it is tried again next period")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception);
}
