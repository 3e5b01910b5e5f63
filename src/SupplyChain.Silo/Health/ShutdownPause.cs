namespace SupplyChain.Silo.Health;

/// <summary>
/// Holds the host's stop for <see cref="NotReadyPause"/> after SIGTERM, before any service stops:
/// meanwhile <c>/health/ready</c> answers 503 (<see cref="ShutdownReadinessCheck"/>) and Kestrel
/// still accepts and serves requests, so clients that route by readiness move away before the
/// listener closes. Then the host stops Kestrel (which finishes the requests in flight) and
/// Orleans (pulling agents stop and their queues move to other silos, grains deactivate, the
/// silo leaves the membership), all within <c>shutdownTimeoutSeconds</c>.
/// </summary>
internal sealed partial class ShutdownPause(TimeProvider time, ILogger<ShutdownPause> logger) : IHostedLifecycleService
{
    /// <summary>
    /// One period of the manifests' readiness probe (5 s). In a pod the <c>preStop</c> pause has
    /// already kept traffic away before SIGTERM; this covers whatever routes by readiness alone.
    /// </summary>
    internal static readonly TimeSpan NotReadyPause = TimeSpan.FromSeconds(5);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        LogPausing(logger, NotReadyPause);
        try
        {
            await Task.Delay(NotReadyPause, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out: stop now rather than not at all.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: not ready, still serving for {Pause} before the listener closes")]
    private static partial void LogPausing(ILogger logger, TimeSpan pause);
}
