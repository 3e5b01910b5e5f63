using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using SupplyChain.Silo.Hosting.Durable;

namespace SupplyChain.Silo.Health;

/// <summary>
/// One cheap read against each outside service, shared by the start-up check (refuse to start)
/// and the readiness checks (report). Reads only: listing one page of containers, tables or
/// queues, or the hub's properties. Thread safe.
/// </summary>
internal sealed class DependencyProbe(AzureStorageClients storage, EventHubsConnection? eventHubs = null)
{
    /// <summary>The name ops see for <paramref name="dependency"/>, with where it was looked for.</summary>
    public string Describe(Dependency dependency) => dependency switch
    {
        Dependency.AzureBlob => $"Azure Blob storage ({storage.Blob.Uri})",
        Dependency.AzureTable => $"Azure Table storage ({storage.Table.Uri})",
        Dependency.AzureQueue => $"Azure Queue storage ({storage.Queue.Uri})",
        Dependency.EventHubs => $"Azure Event Hubs (hub '{eventHubs?.Name}')",
        _ => dependency.ToString(),
    };

    /// <summary>Completes when <paramref name="dependency"/> answered; throws what the client threw otherwise.</summary>
    public async Task ProbeAsync(Dependency dependency, CancellationToken cancellationToken)
    {
        switch (dependency)
        {
            case Dependency.AzureBlob:
                await foreach (var _ in storage.Blob.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                {
                    return;
                }

                return;
            case Dependency.AzureTable:
                await foreach (var _ in storage.Table.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                {
                    return;
                }

                return;
            case Dependency.AzureQueue:
                await foreach (var _ in storage.Queue.GetQueuesAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                {
                    return;
                }

                return;
            case Dependency.EventHubs:
                var connection = eventHubs ?? throw new InvalidOperationException("Event Hubs is not configured.");
                await using (var producer = new EventHubProducerClient(connection.ConnectionString, connection.Name, new EventHubProducerClientOptions
                {
                    RetryOptions = new EventHubsRetryOptions { MaximumRetries = 1, TryTimeout = TimeSpan.FromSeconds(5) },
                }))
                {
                    await producer.GetEventHubPropertiesAsync(cancellationToken);
                }

                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(dependency), dependency, null);
        }
    }
}
