using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;
using SupplyChain.Contracts.Streams;
using SupplyChain.Grains.Partitions;
using SupplyChain.Silo.Accounts;
using SupplyChain.Silo.DeadLetters;
using SupplyChain.Silo.Health;

namespace SupplyChain.Silo.Hosting.Durable;

/// <summary>
/// The durable profile: Orleans' own Azure providers only. Grain and pub-sub state in Azure
/// Blob, membership and reminders in Azure Table, the event stream on Azure Queue or Event
/// Hubs (its checkpoints in Azure Table), dead letters and accounts in Azure Table.
/// </summary>
internal static class DurableHostingExtensions
{
    /// <summary>
    /// Registers the storage clients, the dead-letter table, the start-up refusal and the
    /// readiness checks. Runs before Orleans is added, so the start-up check runs before Orleans starts.
    /// </summary>
    public static DurableSetup AddDurableServices(this WebApplicationBuilder builder, SiloClusterOptions cluster, StreamProviderOptions streams)
    {
        var provider = streams.ProviderFor(cluster.Mode);
        var storageConnection = builder.Configuration.GetConnectionString(AzureStorageClients.ConnectionStringName);
        var eventHubs = provider == StreamProviderKind.EventHubs
            ? new EventHubsConnection(
                builder.Configuration.GetConnectionString(EventHubsConnection.ConnectionStringName) ?? string.Empty,
                streams.EventHubs.Name ?? string.Empty,
                streams.EventHubs.ConsumerGroup)
            : null;

        // Built lazily: a missing or malformed connection string is reported by the options
        // validator at start, naming the key, rather than by a client constructor here.
        var clients = new Lazy<AzureStorageClients>(() => new AzureStorageClients(storageConnection!));
        var services = builder.Services;
        services.AddSingleton(_ => clients.Value);
        if (eventHubs is not null)
        {
            services.AddSingleton(eventHubs);
        }

        services.AddSingleton<IDeadLetterStore>(sp => ActivatorUtilities.CreateInstance<TableDeadLetterStore>(
            sp, sp.GetRequiredService<AzureStorageClients>().Table.GetTableClient(DurableNames.DeadLetterTable), cluster.ServiceId));
        services.AddSingleton<IAccountStore>(sp => new TableAccountStore(
            sp.GetRequiredService<AzureStorageClients>().Table.GetTableClient(DurableNames.AccountsTable), cluster.ServiceId));

        List<Dependency> dependencies = [Dependency.AzureBlob, Dependency.AzureTable];
        dependencies.Add(provider == StreamProviderKind.EventHubs ? Dependency.EventHubs : Dependency.AzureQueue);
        services.AddDependencyChecks(dependencies);
        return new DurableSetup(clients, provider, eventHubs);
    }

    /// <summary>Configures the silo's providers on Azure Storage and the chosen stream service.</summary>
    public static ISiloBuilder UseDurableProviders(this ISiloBuilder silo, SiloClusterOptions cluster, StreamProviderOptions streams, DurableSetup durable)
    {
        var advertised = cluster.AdvertisedIPAddress ?? HostAddress();
        silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = cluster.Membership.ProbeTimeout;
            o.NumMissedProbesLimit = cluster.Membership.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = cluster.Membership.NumVotesForDeathDeclaration;
        });
        // Orleans counts its lease from the silo's estimated failure, a failure-detection window
        // (the longest probe timeout times the missed probes) before it was declared dead.
        silo.Services.AddOptions<GrainDirectoryOptions>().Configure<IOptions<ClusterMembershipOptions>>((o, membership) =>
            o.RangeLeaseDuration = cluster.Membership.DeadSiloLease > TimeSpan.Zero
                ? cluster.Membership.DeadSiloLease + membership.Value.MaxProbeTimeout * membership.Value.NumMissedProbesLimit
                : TimeSpan.Zero);

        silo.UseAzureStorageClustering(o =>
        {
            o.TableServiceClient = durable.Clients.Value.Table;
            o.TableName = DurableNames.MembershipTable;
        });
        silo.UseAzureTableReminderService(o =>
        {
            o.TableServiceClient = durable.Clients.Value.Table;
            o.TableName = DurableNames.RemindersTable;
        });

        // Grain state is System.Text.Json (AddSupplyChainGrains): blobs an operator can read, and a format
        // that does not depend on Orleans' type manifest, so state survives refactoring of the grain classes.
        silo.AddAzureBlobGrainStorage(StorageNames.State, o =>
        {
            o.BlobServiceClient = durable.Clients.Value.Blob;
            o.ContainerName = DurableNames.StateContainer;
        });
        silo.AddAzureBlobGrainStorage(StorageNames.PubSub, o =>
        {
            o.BlobServiceClient = durable.Clients.Value.Blob;
            o.ContainerName = DurableNames.PubSubContainer;
        });

        if (durable.Provider == StreamProviderKind.EventHubs)
        {
            silo.AddEventHubStreams(StreamNames.Provider, c =>
            {
                var hub = durable.EventHubs!;
                c.ConfigureEventHub(ob => ob.Configure(o => o.ConfigureEventHubConnection(hub.ConnectionString, hub.Name, hub.ConsumerGroup)));
                c.UseAzureTableCheckpointer(ob => ob.Configure(o =>
                {
                    o.TableServiceClient = durable.Clients.Value.Table;
                    o.TableName = DurableNames.CheckpointTable;
                    o.PersistInterval = streams.EventHubs.CheckpointInterval;
                }));
                c.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                c.ConfigurePulling(streams, durable.Provider);
            });
        }
        else
        {
            silo.AddAzureQueueStreams(StreamNames.Provider, (SiloAzureQueueStreamConfigurator c) =>
            {
                c.ConfigureAzureQueue(ob => ob.Configure(o =>
                {
                    o.QueueServiceClient = durable.Clients.Value.Queue;
                    o.QueueNames = DurableNames.Queues(cluster.ServiceId, streams.Queues);
                    o.MessageVisibilityTimeout = streams.VisibilityTimeout;
                }));
                c.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                c.ConfigurePulling(streams, durable.Provider);
            });
        }

        return silo;
    }

    /// <summary>The pod's IP (<c>POD_IP</c>), else the host's first up, non-loopback IPv4 address, else loopback.</summary>
    private static IPAddress HostAddress()
    {
        if (IPAddress.TryParse(Environment.GetEnvironmentVariable("POD_IP"), out var pod))
        {
            return pod;
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
