namespace SupplyChain.Silo.Health;

/// <summary>Registers the good pod's shutdown: not ready at once on SIGTERM, then a pause before the host stops its services.</summary>
internal static class ShutdownHealthExtensions
{
    /// <summary>Call after Orleans is added, so the pause runs before any of Orleans' own stopping work.</summary>
    public static IServiceCollection AddShutdownReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ShutdownReadinessCheck>("shutdown", tags: [HealthApi.ReadyTag]);
        services.AddHostedService<ShutdownPause>();
        return services;
    }
}
