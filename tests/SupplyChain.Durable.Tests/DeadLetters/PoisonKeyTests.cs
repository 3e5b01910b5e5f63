using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using SupplyChain.Contracts.Streams;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.DeadLetters;

/// <summary>
/// One shipment's state blob cannot be written (another client holds an infinite lease on it, so
/// every write by the silo fails with 412), as a poison key would make it. With the default
/// delivery settings a good scan of the same partition, accepted after the poison one, is applied
/// within 30 s; the poison scan is dead-lettered with its reason and re-driven once the blob is
/// free. While a partition is stuck its lag shows in the metric and in readiness.
/// </summary>
public sealed partial class PoisonKeyTests : IAsyncLifetime
{
    private static readonly TimeSpan GoodEventDeadline = TimeSpan.FromSeconds(30);

    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ShipmentBlobLeased_GoodScanOfItsPartitionAppliedWithin30s_PoisonDeadLettered_RedriveAppliesItOnceFree()
    {
        await using var silo = await SiloProcess.StartAsync("silo", _azurite.ConnectionString, "poisonkey");
        using var carrier = silo.Client(SiloProcess.CarrierKey);
        using var admin = silo.Client(SiloProcess.AdminKey);
        var poison = NewKey("PKP");
        var lease = await LeaseStateBlob(carrier, poison);

        var poisonScan = Scan(poison, "ArrivedAtFacility", T0.AddMinutes(10));
        await PostAccepted(carrier, poisonScan);
        var good = SamePartitionAs(poison, "PKG");
        await PostAccepted(carrier, Scan(good, "PickedUp", T0));
        var acknowledged = Stopwatch.StartNew();

        await Eventually.True(async () => await GetJson(carrier, $"/api/shipments/{good}") is not null, "the good scan", GoodEventDeadline);
        var applied = acknowledged.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"Good scan applied {applied.TotalSeconds:0.0} s after its acknowledgement, behind the poison scan in partition {PartitionOf(poison)}.");
        Assert.True(applied < GoodEventDeadline, $"applied after {applied}");

        var letters = await Eventually.Until(() => GetJson(admin, "/api/deadletters"), l => l is { } list && list.GetArrayLength() == 1, "the poison scan's dead letter");
        var letter = letters!.Value[0];
        Assert.Equal(poison, letter.GetProperty("key").GetString());
        Assert.Equal(poisonScan["id"]!.GetValue<string>(), letter.GetProperty("eventId").GetString());
        Assert.Equal(6, letter.GetProperty("attempts").GetInt32());
        Assert.True(letter.GetProperty("redrivable").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(letter.GetProperty("reason").GetString()));

        await lease.ReleaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        using (var redrive = await admin.PostAsync($"/api/deadletters/{letter.GetProperty("id").GetString()}/redrive", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);
        }

        await Eventually.Until(
            () => GetJson(carrier, $"/api/shipments/{poison}"), v => v?.GetProperty("statusDetail").GetString() == "ArrivedAtFacility", "the re-driven scan", TimeSpan.FromSeconds(60));
        Assert.Equal(0, (await GetJson(admin, "/api/deadletters"))!.Value.GetArrayLength());
    }

    [Fact]
    public async Task PartitionStuck_LagMetricAndReadinessReportIt_ThenHealthyOnceItMovesOn()
    {
        // Never dead-lettered within the test: the partition stays stuck until the lease goes.
        await using var silo = await SiloProcess.StartAsync(
            "silo", _azurite.ConnectionString, "stuck",
            "--SupplyChain:DeadLetters:MaxAttempts=100",
            "--SupplyChain:Health:PartitionLagThreshold=00:00:03");
        using var carrier = silo.Client(SiloProcess.CarrierKey);
        using var admin = silo.Client(SiloProcess.AdminKey);
        var poison = NewKey("PKS");
        var partition = PartitionOf(poison);
        var lease = await LeaseStateBlob(carrier, poison);

        await PostAccepted(carrier, Scan(poison, "ArrivedAtFacility", T0.AddMinutes(10)));

        var lag = await Eventually.Until(() => LagOf(admin, partition), l => l > 3, "the partition's lag in the metric");
        var ready = await Eventually.Until(() => Readiness(silo), r => r.Status == "Degraded", "readiness to report the partition");
        Assert.Equal(HttpStatusCode.OK, ready.Code);
        Assert.Contains($"partition {partition} lags", ready.LagDescription, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine($"Partition {partition}: lag {lag:0.0} s in the metric; readiness: {ready.LagDescription}");

        await lease.ReleaseAsync(cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.Until(
            () => GetJson(carrier, $"/api/shipments/{poison}"), v => v?.GetProperty("statusDetail").GetString() == "ArrivedAtFacility", "the scan once the blob is free");
        await Eventually.Until(() => LagOf(admin, partition), l => l == 0, "the partition's lag back to zero");
        var healthy = await Eventually.Until(() => Readiness(silo), r => r.Status == "Healthy", "readiness healthy again");
        Assert.Equal(HttpStatusCode.OK, healthy.Code);
    }

    private static int PartitionOf(string key) => StreamPartitioner.PartitionOf(key, new StreamOptions().Partitions);

    private static string SamePartitionAs(string key, string prefix)
    {
        var partition = PartitionOf(key);
        while (true)
        {
            var candidate = NewKey(prefix);
            if (PartitionOf(candidate) == partition)
            {
                return candidate;
            }
        }
    }

    /// <summary>Creates the shipment and takes an infinite lease on its state blob: every later write by the silo fails.</summary>
    private async Task<BlobLeaseClient> LeaseStateBlob(HttpClient carrier, string trackingNumber)
    {
        await PostAccepted(carrier, Scan(trackingNumber, "PickedUp", T0));
        var container = _azurite.Blobs.GetBlobContainerClient("grainstate");
        var name = await Eventually.Until(() => ShipmentBlobs.NameOf(container, trackingNumber), n => n is not null, "the shipment's state blob");
        var lease = container.GetBlobClient(name).GetBlobLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: TestContext.Current.CancellationToken);
        return lease;
    }

    /// <summary>The partition's lag as <c>/metrics</c> shows it, or null while it is not reported.</summary>
    private static async Task<double?> LagOf(HttpClient admin, int partition)
    {
        var text = await admin.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        foreach (Match m in LagSample().Matches(text))
        {
            if (m.Groups["labels"].Value.Contains($"partition=\"{partition}\"", StringComparison.Ordinal))
            {
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static async Task<(HttpStatusCode Code, string? Status, string LagDescription)> Readiness(SiloProcess silo)
    {
        using var client = silo.Client();
        using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var lag = report.RootElement.GetProperty("checks").GetProperty("partition-lag");
        return (response.StatusCode, report.RootElement.GetProperty("status").GetString(), lag.GetProperty("description").GetString() ?? string.Empty);
    }

    [GeneratedRegex(@"^supplychain_partition_lag_seconds\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex LagSample();
}
