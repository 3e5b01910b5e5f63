using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SupplyChain.Grains.Partitions;

namespace SupplyChain.Silo.Health;

/// <summary>
/// Reports the partitions hosted in this silo whose lag is over <see cref="PartitionLagOptions.PartitionLagThreshold"/>,
/// naming each with its lag. Registered as <see cref="HealthStatus.Degraded"/>, which <c>/health/ready</c> answers
/// with 200 and the description: Kubernetes keeps routing requests to the pod, and should. Taking the pod
/// out of the Service would not move the stuck partition (its grain and its queue stay where they are),
/// but would take away the ingestion door and the reads this silo still serves; and since a stuck
/// partition usually has a shared cause (storage refusing, a dead-letter table down), every silo
/// reporting unready at once would stop the whole API. The lag is for people and alerts
/// (<c>supplychain_partition_lag_seconds</c>), not for the load balancer.
/// </summary>
internal sealed class PartitionLagCheck(PartitionLag lag, IOptions<PartitionLagOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.Value.PartitionLagThreshold;
        var lags = lag.Lags();
        var behind = lags.Where(l => l.Value > threshold).OrderByDescending(l => l.Value).ToList();
        if (behind.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                $"The {lags.Count} partition(s) in this silo keep up (lag at most {Seconds(threshold)})."));
        }

        var named = string.Join(", ", behind.Select(l => $"partition {l.Key} lags {Seconds(l.Value)}"));
        return Task.FromResult(new HealthCheckResult(
            context.Registration.FailureStatus,
            $"{named} (threshold {Seconds(threshold)}): their oldest message keeps failing; see the dead letters and this silo's log."));
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
