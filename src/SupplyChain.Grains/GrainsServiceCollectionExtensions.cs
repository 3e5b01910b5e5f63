using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using SupplyChain.Domain;
using SupplyChain.Grains.Geofences;
using SupplyChain.Grains.Partitions;
using SupplyChain.Grains.Vehicles;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains;

/// <summary>Registers the grains library: its options (bound and validated on start) and what the grains need in each silo.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the grains' options from <paramref name="configuration"/> (<c>SupplyChain:Tracking</c>,
    /// <c>SupplyChain:DeadLetters</c>, <c>SupplyChain:Webhooks</c>), each refused on start when out of
    /// range, and adds the silo-local geofence index and its refresher, the dead letters, the partitions'
    /// lag, the shipments' call filter and webhook delivery. The host registers <c>StreamOptions</c>, which
    /// the partition grains share with the ingestion's batcher.
    /// </summary>
    public static IServiceCollection AddSupplyChainGrains(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<TrackingOptions, TrackingOptionsValidator>(configuration, TrackingOptions.SectionName);
        services.AddValidatedOptions<VehicleCheckpointOptions, VehicleCheckpointOptionsValidator>(configuration, VehicleCheckpointOptions.SectionName);
        services.AddValidatedOptions<DeadLetterOptions, DeadLetterOptionsValidator>(configuration, DeadLetterOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GeofenceCatalog>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<GeofenceCatalog>());
        services.TryAddSingleton<IDeadLetterStore, MemoryDeadLetterStore>();
        services.TryAddSingleton<PartitionLag>();
        // Orleans' collector lets an idle vehicle go (its grain writes itself then): no timer per vehicle.
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<VehicleCheckpointOptions>>((collection, vehicles) =>
            collection.ClassSpecificCollectionAge[typeof(VehicleGrain).FullName!] = vehicles.Value.VehicleIdleTimeout);
        services.TryAddSingleton<Contracts.Events.IOutboundEventRecorder, Events.NoOutboundEventRecorder>();
        services.AddSupplyChainWebhooks(configuration);
        return services;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, checked by <typeparamref name="TValidator"/> when the silo starts.</summary>
    internal static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}
