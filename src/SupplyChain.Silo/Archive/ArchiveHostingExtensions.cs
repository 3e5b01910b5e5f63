using SupplyChain.Archive.Hosting;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Hosting.Durable;

namespace SupplyChain.Silo.Archive;

/// <summary>Adds the archive to the silo: a local directory in Embedded mode, a blob container of the storage account in Durable mode.</summary>
internal static class ArchiveHostingExtensions
{
    public static WebApplicationBuilder AddSupplyChainArchive(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetSection(SiloClusterOptions.SectionName).Get<SiloClusterOptions>()?.Mode ?? ClusterMode.Embedded;
        builder.Services.AddSupplyChainArchive(
            builder.Configuration,
            mode == ClusterMode.Durable ? sp => sp.GetRequiredService<AzureStorageClients>().Blob : null);
        return builder;
    }
}
