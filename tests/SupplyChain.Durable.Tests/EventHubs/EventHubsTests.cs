using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Domain;
using SupplyChain.Domain.Shipments;
using SupplyChain.Archive.Hosting;
using SupplyChain.Grains;
using SupplyChain.Durable.Tests.Infrastructure;

namespace SupplyChain.Durable.Tests.EventHubs;

/// <summary>
/// The Event Hubs receive path without a hub: Orleans' Event Hubs provider with a fake hub
/// behind its receiver, delivering to the real grains, checkpointing into Azurite's tables.
/// </summary>
public sealed class EventHubsTests : IAsyncLifetime
{
    private const int Partitions = 4;
    private const string CheckpointTable = "EventHubCheckpoints";
    private readonly FakeHub _hub = new("0", "1", "2", "3");
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ReceivePath_DeliversToGrains_CheckpointsInTable_RestartResumesFromCheckpoint()
    {
        var shipments = Enumerable.Range(0, 8).Select(_ => CloudEvents.NewKey("EH")).ToList();
        Dictionary<string, string> checkpoints;
        using (var first = await StartSiloAsync())
        {
            Publish(first, shipments, ScanType.PickedUp, 0);
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await Eventually.True(async () => await MilestonesAll(grains, shipments, 1), "the first scans in the grains");

            // Messages purged from the cache (all consumers past them) move the checkpoint; the
            // newest stay cached, so a checkpoint trails its partition's end and a restart replays
            // that tail, which the grains drop as copies.
            await first.StopAsync(TestContext.Current.CancellationToken);
            checkpoints = await ReadCheckpoints();
            Assert.NotEmpty(checkpoints);
            Assert.All(checkpoints, c => Assert.InRange(
                long.Parse(c.Value, CultureInfo.InvariantCulture), 0, long.Parse(_hub.LastOffset(c.Key)!, CultureInfo.InvariantCulture)));
        }

        // Published while no silo runs; the restarted one must pick these up, and only these.
        var openedBefore = _hub.Opened.Count;
        using var second = await StartSiloAsync();
        Publish(second, shipments, ScanType.ArrivedAtFacility, 10);
        var restarted = second.Services.GetRequiredService<IGrainFactory>();
        await Eventually.True(async () => await MilestonesAll(restarted, shipments, 2), "the scans published after the restart");

        var reopened = _hub.Opened.Skip(openedBefore).ToList();
        foreach (var (partition, offset) in checkpoints)
        {
            Assert.Contains((partition, offset), reopened);
        }

        foreach (var tn in shipments)
        {
            var view = await restarted.GetGrain<IShipmentGrain>(tn).GetView();
            Assert.Equal([ScanType.PickedUp, ScanType.ArrivedAtFacility], view!.Milestones.Select(m => m.ScanType));
        }
    }

    private void Publish(IHost silo, List<string> shipments, ScanType scanType, int minutes)
    {
        var adapter = ActivatorUtilities.CreateInstance<EventHubDataAdapter>(silo.Services);
        foreach (var group in shipments.GroupBy(tn => StreamPartitioner.PartitionOf(tn, Partitions)))
        {
            var stream = StreamPartitioner.StreamOf(group.Key);
            var batch = new InboundBatch([.. group.Select(tn => (InboundEvent)new ScanReceived(
                "/carriers/acme/scanners/eh", Guid.NewGuid().ToString("N"), CloudEvents.T0.AddMinutes(minutes), tn, scanType,
                null, "EH-1", null, null))]);
            var data = adapter.ToQueueMessage(stream, [batch], null, null);
            _hub.Append(_hub.Partitions[group.Key % _hub.Partitions.Length], data, adapter.GetPartitionKey(stream));
        }
    }

    private static async Task<bool> MilestonesAll(IGrainFactory grains, List<string> shipments, int count)
    {
        foreach (var tn in shipments)
        {
            if (await grains.GetGrain<IShipmentGrain>(tn).GetView() is not { } view || view.Milestones.Count < count)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<Dictionary<string, string>> ReadCheckpoints()
    {
        var found = new Dictionary<string, string>();
        try
        {
            await foreach (var row in _azurite.Tables.GetTableClient(CheckpointTable).QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                found[row.RowKey.Replace("partition_", string.Empty, StringComparison.Ordinal)] = row.GetString("Offset") ?? string.Empty;
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Created with the first checkpoint.
        }

        return found;
    }

    private async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        var connection = _azurite.ConnectionString;
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next(), serviceId: "eventhubs", clusterId: "eventhubs");
            silo.AddAzureBlobGrainStorage(StorageNames.State, o => o.BlobServiceClient = new BlobServiceClient(connection));
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.UseInMemoryReminderService();
            silo.AddEventHubStreams(StreamNames.Provider, c =>
            {
                c.ConfigureEventHub(ob => ob.Configure(o => o.ConfigureEventHubConnection(
                    "Endpoint=sb://no-hub.servicebus.windows.net/;SharedAccessKeyName=none;SharedAccessKey=bm9uZQ==", "no-hub", "$Default")));
                c.UseAzureTableCheckpointer(ob => ob.Configure(o =>
                {
                    o.TableServiceClient = new TableServiceClient(connection);
                    o.TableName = CheckpointTable;
                    o.PersistInterval = TimeSpan.FromMilliseconds(500);
                }));
                c.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);

                // Delivered messages leave the cache (and move the checkpoint) within seconds, not minutes.
                c.ConfigureCacheEviction(ob => ob.Configure(o =>
                {
                    o.DataMinTimeInCache = TimeSpan.FromMilliseconds(200);
                    o.DataMaxAgeInCache = TimeSpan.FromSeconds(1);
                }));
                c.ConfigureComponent<IQueueAdapterFactory>((services, name) => FakeHubAdapterFactory.Create(services, name, _hub));
            });
            silo.Services.Configure<StreamOptions>(o => o.Partitions = Partitions);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.AddSupplyChainGrains();

            // The archive is the stream's second consumer, as in production: a checkpoint moves only
            // past messages that both it and the partition grain have finished.
            silo.Services.AddSupplyChainArchive(builder.Configuration, _ => new BlobServiceClient(connection));
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}
