using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion.Hosting;

/// <summary>Registers the ingestion library: its options (bound and validated on start) and its services.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Adds reading, validation, ownership checks and the partition batcher behind <see cref="EventIngestion"/>.
    /// The host registers <c>StreamOptions</c>, which the batcher shares with the grains.
    /// </summary>
    public static IServiceCollection AddSupplyChainIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        services.AddOptions<OwnershipOptions>().Bind(configuration.GetSection(OwnershipOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OwnershipOptions>, OwnershipOptionsValidator>();
        services.AddSingleton<CloudEventRequestReader>();
        services.AddSingleton<InboundEventValidator>();
        services.AddSingleton<IInboundEventSink, PartitionBatcher>();
        services.AddSingleton<OwnershipDirectory>();
        services.AddSingleton<EventIngestion>();
        return services;
    }
}
