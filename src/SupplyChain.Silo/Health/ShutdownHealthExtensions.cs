using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Health;

/// <summary>Registers the good pod's shutdown: not ready at once on SIGTERM, then a pause before the host stops its services.</summary>
internal static class ShutdownHealthExtensions
{
    /// <summary>
    /// Call after Orleans is added, so the pause runs before any of Orleans' own stopping work. The
    /// pause only in Durable mode: an Embedded silo is alone, with no other silo for traffic to move
    /// to, and every in-process host stopped in the tests would wait for nothing.
    /// </summary>
    public static IServiceCollection AddShutdownReadiness(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks().AddCheck<ShutdownReadinessCheck>("shutdown", tags: [HealthApi.ReadyTag]);
        var cluster = configuration.GetSection(SiloClusterOptions.SectionName).Get<SiloClusterOptions>() ?? new();
        if (cluster.Mode == ClusterMode.Durable)
        {
            services.AddHostedService<ShutdownPause>();
        }

        return services;
    }
}
