using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Partitions;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Partitions;

/// <summary>
/// A poison event (its shipment's writes always refused, so each of its deliveries fails) costs
/// only its own key: the other events of its message are applied once, those of the next message
/// as soon as it is dead-lettered after the configured attempts, and while the dead-letter store
/// refuses it too the message waits, the partition's lag growing, without being lost.
/// </summary>
public sealed class PoisonEventTests : IAsyncLifetime
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private GatedCluster _cluster = null!;
    private GatedDeadLetterStore _letters = null!;

    private static int Partitions => GatedCluster.Partitions;

    public async ValueTask InitializeAsync()
    {
        _cluster = await GatedCluster.StartAsync(
            silo =>
            {
                GatedDeadLetterStore.AddTo(silo);
                silo.Services.Configure<DeadLetterOptions>(o => o.MaxAttempts = MaxAttempts);
            },
            RetryDelay);
        _letters = GatedDeadLetterStore.Of(_cluster.Cluster);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task PoisonScan_OtherEventsOfItsMessage_AppliedOnce_PoisonDeadLetteredAfterTheAttempts()
    {
        var poison = Poisoned(NewKey("PSN"));
        var good = SamePartitionAs(poison, "GDS");
        var truck = SamePartitionAs(poison, "TRK");
        var poisonScan = Scan(poison, ScanType.PickedUp, T0);

        await Publish(poisonScan, Scan(good, ScanType.PickedUp, T0), Ping(truck, 51.9, 4.9, T0));

        var letter = await Eventually.Until(() => Letter(poisonScan), l => l is not null, "the poison scan's dead letter");
        Assert.Equal(MaxAttempts, letter!.Attempts);
        Assert.Contains("refuses", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(poisonScan, letter.Event);
        var view = await Eventually.Until(() => Shipment(good).GetView(), v => v is not null, "the good scan");
        Assert.Single(view!.Milestones);
        // Delivered again with the whole message, the ping would be caught as a duplicate each time.
        var truckView = await _cluster.Vehicle(truck);
        Assert.Equal(T0, truckView!.Location!.At);
        Assert.Empty(truckView.IgnoredPings);
        Assert.Null(await Shipment(poison).GetView());
    }

    [Fact]
    public async Task PoisonScanWithAHugeKey_NextMessageOfItsPartition_AppliedOnceThePoisonIsDeadLettered()
    {
        var poison = Poisoned(NewKey("PSN") + new string('9', 40_000));
        var good = SamePartitionAs(poison, "GDN");
        var poisonScan = Scan(poison, ScanType.PickedUp, T0);

        await Publish(poisonScan);
        await Publish(Scan(good, ScanType.PickedUp, T0));

        await Eventually.Until(() => Shipment(good).GetView(), v => v is not null, "the scan behind the poison one");
        var letter = await Letter(poisonScan);
        Assert.NotNull(letter);
        Assert.Equal(poison, letter.Key);
        Assert.Equal(MaxAttempts, letter.Attempts);
    }

    [Fact]
    public async Task DeadLetterStoreRefusing_MessageWaits_PartitionLagGrows_ThenDeadLetteredAndCaughtUp()
    {
        var poison = Poisoned(NewKey("PSW"));
        var good = SamePartitionAs(poison, "GDW");
        var partition = StreamPartitioner.PartitionOf(poison, Partitions).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var poisonScan = Scan(poison, ScanType.PickedUp, T0);
        _letters.Refuse();

        await Publish(poisonScan);
        await Publish(Scan(good, ScanType.PickedUp, T0));

        // Past the time the attempts take, and still waiting: the letter is refused, the event is not lost.
        var waited = RetryDelay * MaxAttempts * 2;
        await Eventually.Until(() => Task.FromResult(LagOf(partition)), lag => lag > waited, "the partition's lag to grow");
        Assert.True(_letters.Refusals > 0);
        Assert.Null(await Shipment(good).GetView());
        Assert.Null(await Letter(poisonScan));

        _letters.Accept();

        await Eventually.Until(() => Letter(poisonScan), l => l is not null, "the dead letter once the store takes it");
        await Eventually.Until(() => Shipment(good).GetView(), v => v is not null, "the scan behind the poison one");
        await Eventually.Until(() => Task.FromResult(LagOf(partition)), lag => lag == TimeSpan.Zero, "the partition to catch up");
    }

    /// <summary>Makes every write of shipment <paramref name="trackingNumber"/> fail.</summary>
    private string Poisoned(string trackingNumber)
    {
        _cluster.Storage.Refuse(GrainId.Create("shipment", trackingNumber));
        return trackingNumber;
    }

    private static string SamePartitionAs(string key, string prefix)
    {
        var partition = StreamPartitioner.PartitionOf(key, Partitions);
        while (true)
        {
            var candidate = NewKey(prefix);
            if (StreamPartitioner.PartitionOf(candidate, Partitions) == partition)
            {
                return candidate;
            }
        }
    }

    private TimeSpan? LagOf(string partition) =>
        _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<PartitionLag>().Lags()
            .Where(l => l.Key == partition).Select(l => (TimeSpan?)l.Value).SingleOrDefault();

    private Task<InboundDeadLetter?> Letter(InboundEvent e) => _letters.GetAsync(InboundDeadLetter.IdOf(e), TestContext.Current.CancellationToken);

    private IShipmentGrain Shipment(string trackingNumber) => _cluster.Client.GetGrain<IShipmentGrain>(trackingNumber);

    private Task Publish(params InboundEvent[] events) => _cluster.Publish(events);
}
