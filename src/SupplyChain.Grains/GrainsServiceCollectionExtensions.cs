using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupplyChain.Grains.Geofences;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains;

/// <summary>Registers what the grains need in each silo.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Adds the silo-local geofence index and its refresher, the dead letters, the partitions' lag and the shipments' call filter.</summary>
    public static IServiceCollection AddSupplyChainGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GeofenceCatalog>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<GeofenceCatalog>());
        services.TryAddSingleton<Ingestion.IDeadLetterStore, Ingestion.MemoryDeadLetterStore>();
        services.TryAddSingleton<Ingestion.PartitionLag>();
        services.AddSingleton<IIncomingGrainCallFilter, Shipments.FailedCallDeactivation>();
        services.AddOptions<Ingestion.DeadLetterOptions>();
        services.AddOptions<Vehicles.VehicleCheckpointOptions>();
        services.AddTransient<Vehicles.Fleet>();
        services.AddSupplyChainWebhooks();
        return services;
    }
}
