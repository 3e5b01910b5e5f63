using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
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
        services.TryAddSingleton<Partitions.IDeadLetterStore, Partitions.MemoryDeadLetterStore>();
        services.TryAddSingleton<Partitions.PartitionLag>();
        services.AddSingleton<IIncomingGrainCallFilter, Shipments.FailedCallDeactivation>();
        services.AddOptions<Partitions.DeadLetterOptions>();
        services.AddOptions<Vehicles.VehicleCheckpointOptions>();
        // Orleans' collector lets an idle vehicle go (its grain writes itself then): no timer per vehicle.
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<Vehicles.VehicleCheckpointOptions>>((collection, vehicles) =>
            collection.ClassSpecificCollectionAge[typeof(Vehicles.VehicleGrain).FullName!] = vehicles.Value.VehicleIdleTimeout);
        services.TryAddSingleton<Contracts.Events.IOutboundEventRecorder, Events.NoOutboundEventRecorder>();
        services.AddSupplyChainWebhooks();
        return services;
    }
}
