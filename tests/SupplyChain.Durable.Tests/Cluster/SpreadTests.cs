using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Cluster;

/// <summary>
/// Vehicle work spreads over the silos there are: three silo processes take pings of 30,000 vehicles,
/// and each holds a fair share of the vehicle grains, as each silo counts them itself (Orleans'
/// <c>orleans_grains{grain_type="vehicle"}</c> on <c>/metrics</c>). A fourth silo that joins then takes a share from
/// Orleans' activation rebalancer (<c>SupplyChain:Cluster:Rebalancing</c>); the time it takes is printed
/// for docs/kubernetes.md ("Sizing").
/// </summary>
public sealed partial class SpreadTests : IAsyncLifetime
{
    private const int Vehicles = 30_000;
    private const int PingsPerRequest = 250;
    private const int RequestsAtOnce = 6;

    /// <summary>
    /// Activations counted once every ping is applied: all but 1 %. The rebalancer is already moving
    /// vehicles then, and on a loaded machine a batch it moves can time out; Orleans then lets those
    /// activations go, and they come back on their vehicles' next pings (docs/operations.md, "What
    /// survives what"). That every ping was applied is checked on the fleet list.
    /// </summary>
    private const int MostVehicles = Vehicles * 99 / 100;
    private Azurite _azurite = null!;

    // 30,000 vehicles write 30,000 blobs: Azurite's on-disk store slows as it grows, and nothing here restarts it.
    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync(inMemory: true);

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ThirtyThousandVehicles_SpreadOverThreeSilos_AndAFourthThatJoinsTakesAShare()
    {
        var clusterId = "spread-" + Guid.NewGuid().ToString("N")[..8];
        string[] settings =
        [
            "--SupplyChain:Cluster:Rebalancing:Enabled=true",
            "--SupplyChain:Cluster:Rebalancing:DueTime=00:00:05",
            "--SupplyChain:Cluster:Rebalancing:CyclePeriod=00:00:02",
        ];
        await using var s0 = SiloProcess.Create("silo-0", _azurite.ConnectionString, clusterId, settings);
        await using var s1 = SiloProcess.Create("silo-1", _azurite.ConnectionString, clusterId, settings);
        await using var s2 = SiloProcess.Create("silo-2", _azurite.ConnectionString, clusterId, settings);
        await using var s3 = SiloProcess.Create("silo-3", _azurite.ConnectionString, clusterId, settings);
        await Task.WhenAll(s0.StartAsync(), s1.StartAsync(), s2.StartAsync());
        await Eventually.True(async () => await Membership.ActiveAsync(_azurite, clusterId) == 3, "three Active silos");
        SiloProcess[] three = [s0, s1, s2];

        var loading = Stopwatch.StartNew();
        var fleet = Enumerable.Range(0, Vehicles).Select(i => (Id: NewKey("SP"), Lat: 50.0 + (i % 100) * 0.02, Lon: 4.0 + (i / 100) * 0.01)).ToList();
        await PostPingsAsync(three, fleet);
        var posted = loading.Elapsed;
        using (var admin = s0.Client(SiloProcess.AdminKey))
        {
            await Eventually.Until(
                () => FleetListLengthAsync(admin), n => n >= Vehicles,
                $"all {Vehicles} vehicles' pings applied (the fleet list)", TimeSpan.FromMinutes(3));
        }

        var applied = loading.Elapsed;
        var counts = await Eventually.Until(
            () => VehicleActivationsAsync(three), c => c.Sum() >= MostVehicles,
            $"at least {MostVehicles} vehicle grains active over three silos", TimeSpan.FromMinutes(1));
        var shares = counts.Select(c => (double)c / counts.Sum()).ToList();
        Output($"3 silos: {Vehicles} vehicles posted in {posted.TotalSeconds:F1} s, all applied after {applied.TotalSeconds:F1} s; "
            + $"vehicle grains per silo {string.Join(" / ", counts)} ({string.Join(" / ", shares.Select(s => s.ToString("P0", CultureInfo.InvariantCulture)))})");
        Assert.All(shares, share => Assert.InRange(share, 0.20, 0.50));

        await s3.StartAsync();
        await Eventually.True(async () => await Membership.ActiveAsync(_azurite, clusterId) == 4, "four Active silos");
        var joined = Stopwatch.StartNew();
        SiloProcess[] four = [s0, s1, s2, s3];
        var after = await Eventually.Until(
            () => VehicleActivationsAsync(four), c => c[3] >= 0.10 * c.Sum(),
            "the fourth silo to hold at least 10 % of the vehicle grains", TimeSpan.FromMinutes(4));
        var tookShare = joined.Elapsed;
        Output($"4th silo held {after[3]} of {after.Sum()} vehicle grains ({(double)after[3] / after.Sum():P0}) {tookShare.TotalSeconds:F1} s after it was Active; "
            + $"per silo {string.Join(" / ", after)}");

        // A moved vehicle is the same vehicle: its position is the one it was sent, wherever it now lives.
        using var reader = s3.Client(SiloProcess.CarrierKey);
        foreach (var (id, lat, lon) in fleet.Where((_, i) => i % 300 == 0))
        {
            var location = (await GetJson(reader, $"/api/vehicles/{id}"))!.Value.GetProperty("location");
            Assert.Equal((lat, lon), (location.GetProperty("lat").GetDouble(), location.GetProperty("lon").GetDouble()));
        }
    }

    /// <summary>One ping per vehicle, in batches, a few requests at once, spread over the silos' HTTP ports as a load balancer would.</summary>
    private static async Task PostPingsAsync(SiloProcess[] silos, List<(string Id, double Lat, double Lon)> vehicles)
    {
        var clients = silos.Select(s => s.Client(SiloProcess.CarrierKey)).ToList();
        try
        {
            var batches = vehicles.Chunk(PingsPerRequest).Select((chunk, b) => (b, chunk)).ToList();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = RequestsAtOnce, CancellationToken = TestContext.Current.CancellationToken },
                async (batch, _) =>
                {
                    JsonNode[] pings = [.. batch.chunk.Select(v => Ping(v.Id, v.Lat, v.Lon, T0))];
                    var client = clients[batch.b % clients.Count];
                    await Eventually.True(async () => await TryPost(client, pings) == HttpStatusCode.Accepted, $"batch {batch.b} accepted", TimeSpan.FromMinutes(5));
                });
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>How many vehicles the fleet list holds: each is there once its partition has applied one of its pings.</summary>
    private static async Task<int> FleetListLengthAsync(HttpClient admin)
    {
        await using var body = await admin.GetStreamAsync("/api/vehicles", TestContext.Current.CancellationToken);
        using var list = await JsonDocument.ParseAsync(body, cancellationToken: TestContext.Current.CancellationToken);
        return list.RootElement.GetArrayLength();
    }

    /// <summary>Each silo's own count of active vehicle grains, from its <c>/metrics</c>.</summary>
    private static async Task<int[]> VehicleActivationsAsync(SiloProcess[] silos)
    {
        var counts = new int[silos.Length];
        for (var i = 0; i < silos.Length; i++)
        {
            using var admin = silos[i].Client(SiloProcess.AdminKey);
            var text = await admin.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
            var match = VehicleGrains().Match(text);
            counts[i] = match.Success ? (int)double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }

        return counts;
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper!.WriteLine(line);

    [GeneratedRegex(@"^orleans_grains\{[^}]*grain_type=""vehicle""[^}]*\} (\S+)", RegexOptions.Multiline)]
    private static partial Regex VehicleGrains();
}
