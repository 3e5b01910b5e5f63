using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Grains.Geofences;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains;

/// <summary>Registers what the grains need in each silo.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Adds the silo-local geofence index and its refresher.</summary>
    public static IServiceCollection AddSupplyChainGrains(this IServiceCollection services)
    {
        services.AddSingleton<GeofenceCatalog>();
        services.AddHostedService(sp => sp.GetRequiredService<GeofenceCatalog>());
        services.AddSupplyChainWebhooks();
        return services;
    }
}
