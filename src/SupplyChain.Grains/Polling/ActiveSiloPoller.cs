namespace SupplyChain.Grains.Polling;

/// <summary>
/// Runs a refresh every interval while the silo is active: it starts at the
/// <see cref="ServiceLifecycleStage.Active"/> stage (before that no silo can host the grains it
/// asks) and stops, waiting for the refresh in flight, when the silo leaves that stage. A failed
/// refresh is reported and tried again at the next tick. What <see cref="RegistryCopy{T}"/> polls with.
/// </summary>
internal sealed class ActiveSiloPoller(
    string name, TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> refresh, Action<Exception> failed) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _polling = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        name,
        ServiceLifecycleStage.Active,
        _ =>
        {
            _polling = PollAsync(_stopping.Token);
            return Task.CompletedTask;
        },
        async _ =>
        {
            await _stopping.CancelAsync();
            await _polling;
        });

    public void Dispose() => _stopping.Dispose();

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await refresh(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The silo may still be joining, or the registry's silo just died: keep the old copy, try again.
                failed(ex);
            }
        }
        while (await NextTick(timer, stoppingToken));
    }

    private static async Task<bool> NextTick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
