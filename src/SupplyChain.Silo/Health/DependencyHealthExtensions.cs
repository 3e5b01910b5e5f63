using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupplyChain.Silo.Health;

/// <summary>Registers the start-up refusal and one readiness check per outside service.</summary>
internal static class DependencyHealthExtensions
{
    /// <summary>
    /// Adds <see cref="StartupDependencyCheck"/> (call this before Orleans is added, so it runs
    /// first) and a check tagged <see cref="HealthApi.ReadyTag"/> per service, named after it
    /// (<c>azure-blob</c>, <c>azure-table</c>, <c>azure-queue</c>, <c>event-hubs</c>).
    /// </summary>
    public static IServiceCollection AddDependencyChecks(this IServiceCollection services, IReadOnlyList<Dependency> dependencies)
    {
        services.AddSingleton<DependencyProbe>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<StartupDependencyCheck>(sp, dependencies));
        var checks = services.AddHealthChecks();
        foreach (var dependency in dependencies)
        {
            checks.Add(new HealthCheckRegistration(
                NameOf(dependency),
                sp => new DependencyHealthCheck(sp.GetRequiredService<DependencyProbe>(), dependency),
                HealthStatus.Unhealthy,
                [HealthApi.ReadyTag]));
        }

        return services;
    }

    public static string NameOf(Dependency dependency) => dependency switch
    {
        Dependency.AzureBlob => "azure-blob",
        Dependency.AzureTable => "azure-table",
        Dependency.AzureQueue => "azure-queue",
        Dependency.EventHubs => "event-hubs",
        _ => dependency.ToString(),
    };
}
