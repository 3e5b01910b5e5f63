namespace SupplyChain.Silo.Health;

/// <summary>
/// Runs before Orleans starts (it is registered first) and stops the host, naming the service,
/// when storage or the stream service cannot be reached. Without it a silo would start, fail
/// to join its cluster or to pull its queues, and retry quietly for minutes. Each service gets
/// a few seconds, enough for a storage emulator or a sidecar that starts alongside the silo.
/// </summary>
internal sealed partial class StartupDependencyCheck(
    DependencyProbe probe, IReadOnlyList<Dependency> dependencies, TimeProvider time, ILogger<StartupDependencyCheck> logger) : IHostedService
{
    /// <summary>How long each service may take to answer at start.</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var dependency in dependencies)
        {
            await RequireAsync(dependency, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RequireAsync(Dependency dependency, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(Patience);
            try
            {
                await probe.ProbeAsync(dependency, attempt.Token);
                LogReachable(logger, dependency);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (time.GetElapsedTime(started) + Pause >= Patience)
                {
                    var message = $"{probe.Describe(dependency)} is unreachable, so this durable silo will not start: {ex.GetBaseException().Message}";
                    LogUnreachable(logger, ex, message);
                    throw new DependencyUnreachableException(message, ex);
                }

                await Task.Delay(Pause, time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} answered")]
    private static partial void LogReachable(ILogger logger, Dependency service);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string message);
}
