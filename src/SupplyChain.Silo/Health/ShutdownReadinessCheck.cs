using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupplyChain.Silo.Health;

/// <summary>
/// Not ready from the moment the host is asked to stop (SIGTERM), so load balancers and the
/// Service stop sending new requests while the silo still serves those in flight; liveness is
/// unaffected, so nothing restarts a silo that is leaving on purpose.
/// </summary>
internal sealed class ShutdownReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The silo is shutting down.")
            : HealthCheckResult.Healthy("The silo is not shutting down."));
}
