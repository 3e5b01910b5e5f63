using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupplyChain.Archive.Erasure;
using SupplyChain.Archive.Maintenance;
using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Tracks;
using SupplyChain.Archive.Writing;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Archive.Hosting;

/// <summary>Registers the archive in a silo.</summary>
public static class ArchiveServiceCollectionExtensions
{
    /// <summary>The name of the archive's meter, for the host's metrics.</summary>
    public const string MeterName = ArchiveTelemetry.Name;

    /// <summary>
    /// Adds the archive's options (<c>SupplyChain:Archive</c>), its store, the writer (which also records
    /// outbound events) and the reader. With <paramref name="blobs"/> the files go to a container of that
    /// account (Durable); without, to the local directory of <see cref="ArchiveOptions.Directory"/>.
    /// </summary>
    public static IServiceCollection AddSupplyChainArchive(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, BlobServiceClient>? blobs)
    {
        services.AddOptions<ArchiveOptions>().Bind(configuration.GetSection(ArchiveOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>();
        services.AddSingleton<IArchiveStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ArchiveOptions>>().Value;
            return blobs is null
                ? new DirectoryArchiveStore(options.DirectoryOrDefault)
                : new BlobArchiveStore(blobs(sp).GetBlobContainerClient(options.Container));
        });
        services.AddSingleton<ArchiveWriter>();
        services.AddSingleton<IOutboundEventRecorder>(sp => sp.GetRequiredService<ArchiveWriter>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ArchiveWriter>());
        services.AddSingleton<ArchiveReader>();
        services.AddSingleton<TrackIndexer>();
        services.AddSingleton<TrackReader>();
        services.AddSingleton<VehicleHistoryReader>();
        services.AddSingleton<ArchiveRetention>();
        services.AddSingleton<ArchiveErasure>();
        services.AddSingleton<ArchiveMaintenanceSchedule>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ArchiveMaintenanceSchedule>());
        return services;
    }
}
