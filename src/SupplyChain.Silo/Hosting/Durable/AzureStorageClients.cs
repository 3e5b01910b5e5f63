using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace SupplyChain.Silo.Hosting.Durable;

/// <summary>
/// The Azure Storage clients every durable provider shares, built from
/// <c>ConnectionStrings:AzureStorage</c>. Retries are short on purpose: ingestion waits for a
/// queue put before it answers, so a storage outage should turn into a 503 within seconds, not
/// hang the request; the stream agents and grains retry on their own schedule anyway.
/// Thread safe (the Azure clients are).
/// </summary>
internal sealed class AzureStorageClients
{
    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:AzureStorage";

    /// <summary>The connection string's name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "AzureStorage";

    public AzureStorageClients(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Blob = new BlobServiceClient(connectionString, Configure(new BlobClientOptions()));
        Queue = new QueueServiceClient(connectionString, Configure(new QueueClientOptions()));
        Table = new TableServiceClient(connectionString, Configure(new TableClientOptions()));
    }

    public BlobServiceClient Blob { get; }

    public QueueServiceClient Queue { get; }

    public TableServiceClient Table { get; }

    private static T Configure<T>(T options)
        where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }
}
