using Microsoft.Extensions.Options;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Hosting.Durable;

namespace SupplyChain.Silo.Audit;

/// <summary>Registers the audit log (<see cref="AuditOptions"/>) and puts it in the request pipeline.</summary>
internal static class AuditServiceExtensions
{
    /// <summary>
    /// Registers the buffer, the writer and the store of the cluster mode (Azure Table in Durable mode,
    /// memory in Embedded mode), the observer that summarizes event posts as they are read, and wraps
    /// the event sink to summarize re-drives. Goes after the event sink's registration.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddSingleton<AuditBuffer>();
        services.AddHostedService<AuditWriter>();

        var cluster = configuration.GetSection(SiloClusterOptions.SectionName).Get<SiloClusterOptions>() ?? new();
        if (cluster.Mode == ClusterMode.Durable)
        {
            services.AddSingleton<IAuditStore>(sp => new TableAuditStore(
                sp.GetRequiredService<AzureStorageClients>().Table.GetTableClient(TableAuditStore.TableName), cluster.ServiceId));
        }
        else
        {
            services.AddSingleton<IAuditStore, MemoryAuditStore>();
        }

        var sink = services.LastOrDefault(d => d.ServiceType == typeof(IInboundEventSink))
            ?? throw new InvalidOperationException("The audit wraps the inbound event sink: register the sink first.");
        services.Remove(sink);
        services.AddSingleton<IInboundEventSink>(sp => new SummarizingEventSink(Inner(sp, sink)));
        services.AddSingleton<IReceivedEventsObserver, SummarizingEventObserver>();
        return services;
    }

    /// <summary>Records writes and admin actions; goes first after the client address is known, before anything that may refuse.</summary>
    public static WebApplication UseAudit(this WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        return app;
    }

    private static IInboundEventSink Inner(IServiceProvider services, ServiceDescriptor sink) =>
        (IInboundEventSink)(sink.ImplementationInstance
            ?? sink.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, sink.ImplementationType!));
}
