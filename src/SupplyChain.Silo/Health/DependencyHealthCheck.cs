using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupplyChain.Silo.Health;

/// <summary>Readiness of one outside service: healthy when it answered a cheap read within a few seconds.</summary>
internal sealed class DependencyHealthCheck(DependencyProbe probe, Dependency dependency) : IHealthCheck
{
    /// <summary>How long a readiness probe waits for the service.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(Timeout);
        try
        {
            await probe.ProbeAsync(dependency, attempt.Token);
            return HealthCheckResult.Healthy($"{probe.Describe(dependency)} answered.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{probe.Describe(dependency)} is unreachable: {ex.GetBaseException().Message}");
        }
    }
}
