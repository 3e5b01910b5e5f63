using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupplyChain.Contracts.Streams;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Cluster;

/// <summary>
/// Three silo processes on Azure Queue streams, a steady load of scans and pings over HTTP to two
/// of them, and <c>kill -9</c> of one of those mid-load. Its clients fail over to the other, as
/// behind a load balancer. Every acknowledged scan must end up in its shipment.
/// </summary>
public sealed partial class CrashTests : IAsyncLifetime
{
    private const int Queues = 8;
    private const int ShipmentsPerSilo = 20;
    private const int VehiclesPerSilo = 5;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(40);
    private static readonly string[] Steps = ["PickedUp", "ArrivedAtFacility", "DepartedFacility", "LoadedOnVehicle", "OutForDelivery", "Delivered"];
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task KillNineUnderLoad_NoAcknowledgedScanLost_DuplicatesCarryIdenticalIds()
    {
        var clusterId = "crash-" + Guid.NewGuid().ToString("N")[..8];
        string[] settings =
        [
            $"--SupplyChain:Streams:Queues={Queues}",
            "--SupplyChain:Streams:VisibilityTimeout=00:00:10",
            "--Logging:LogLevel:SupplyChain.Grains.Shipments.ShipmentGrain=Debug",
        ];
        await using var s0 = SiloProcess.Create("silo-0", _azurite.ConnectionString, clusterId, settings);
        await using var s1 = SiloProcess.Create("silo-1", _azurite.ConnectionString, clusterId, settings);
        await using var s2 = SiloProcess.Create("silo-2", _azurite.ConnectionString, clusterId, settings);
        await Task.WhenAll(s0.StartAsync(), s1.StartAsync(), s2.StartAsync());
        await Eventually.True(async () => await Membership.ActiveAsync(_azurite, clusterId) == 3, "three Active silos");

        var load = new Load();
        using var client0 = s0.Client(SiloProcess.CarrierKey);
        using var client1 = s1.Client(SiloProcess.CarrierKey);
        var killAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker0 = load.RunAsync("A", [client0], null);
        var worker1 = load.RunAsync("B", [client1, client0], killAfter);

        // Mid-load: once a third of silo 1's requests were acknowledged.
        await killAfter.Task;
        await s1.KillAsync();
        var killed = Stopwatch.StartNew();
        var probes = Probes();
        var probing = PostProbesAsync(client0, probes);

        var declaredDead = await Eventually.Until(
            async () => (await Membership.StatusOfAsync(_azurite, clusterId, s1.SiloPort), killed.Elapsed),
            s => s.Item1 == "Dead", "silo 1 declared dead", TimeSpan.FromSeconds(60));
        await probing;
        using var reader = s0.Client();
        await Eventually.True(async () => await AllApplied(reader, probes), "a fresh scan on every partition to be applied", TimeSpan.FromSeconds(90));
        var takeover = killed.Elapsed;
        await Task.WhenAll(worker0, worker1);

        // Every shipment in its final status, every acknowledged scan among its milestones.
        var lost = 0;
        var outbound = 0;
        foreach (var (tn, scans) in load.AcceptedScans())
        {
            var view = await Eventually.Until(
                () => GetJson(reader, $"/api/shipments/{tn}"),
                v => v is { } s && s.GetProperty("status").GetString() == "Delivered" && s.GetProperty("milestones").GetArrayLength() >= scans.Count,
                $"{tn} delivered with all its scans", TimeSpan.FromSeconds(90));
            var milestones = view!.Value.GetProperty("milestones").EnumerateArray()
                .Select(m => (m.GetProperty("scanType").GetString(), m.GetProperty("at").GetDateTimeOffset())).ToHashSet();
            lost += scans.Count(s => !milestones.Contains((s.ScanType, s.At)));

            var events = (await GetJson(reader, $"/api/shipments/{tn}/events"))!.Value.EnumerateArray().ToList();
            var ids = events.Select(e => e.GetProperty("id").GetString()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Contains(events, e => e.GetProperty("type").GetString() == "SupplyChain.Delivered");
            Assert.Contains(events, e => e.GetProperty("type").GetString() == "SupplyChain.ShipmentStatusChanged"
                && e.GetProperty("data").GetProperty("status").GetString() == "Delivered");
            outbound += events.Count;
        }

        // Redeliveries happen until the dead silo's in-flight messages reappear (visibility
        // timeout) and are consumed: count copies once every queue is empty.
        await Eventually.Until(() => StreamQueues.NotEmptyAsync(_azurite), q => q.Count == 0, "every queue drained, redeliveries included", TimeSpan.FromSeconds(90));
        // The probes (one scan per partition, posted around the kill) are redelivered like the load's
        // scans but are not part of it: their copies are not counted against the load.
        var copies = s0.Output.Concat(s2.Output).Select(line => AlreadyApplied().Match(line)).Where(m => m.Success)
            .Where(m => !probes.Contains(m.Groups[1].Value))
            .Select(m => (Source: m.Groups[2].Value, Id: m.Groups[3].Value)).ToList();
        var acceptedIds = load.AcceptedIds();
        Assert.All(copies, c => Assert.Contains(c.Id, acceptedIds));

        TestContext.Current.TestOutputHelper!.WriteLine(
            $"crash test: events sent {load.Sent} (with retries), accepted {acceptedIds.Count} ({load.AcceptedScanCount} scans), "
            + $"lost {lost}, duplicated deliveries dropped by id {copies.Count}, outbound events {outbound}; "
            + $"silo declared dead {declaredDead.Item2.TotalSeconds:F1} s after kill -9, every partition flowing again after {takeover.TotalSeconds:F1} s");
        Assert.Equal(0, lost);
        Assert.Equal(ShipmentsPerSilo * 2 * Steps.Length, load.AcceptedScanCount);
    }

    /// <summary>One tracking number per partition, so a scan on each shows every partition stream flowing.</summary>
    private static List<string> Probes()
    {
        var partitions = new StreamOptions().Partitions;
        var byPartition = new Dictionary<int, string>();
        while (byPartition.Count < partitions)
        {
            var key = NewKey("PROBE");
            byPartition.TryAdd(StreamPartitioner.PartitionOf(key, partitions), key);
        }

        return [.. byPartition.Values];
    }

    private static async Task PostProbesAsync(HttpClient client, List<string> probes) =>
        await Eventually.True(
            async () => await TryPost(client, [.. probes.Select(tn => Scan(tn, "PickedUp", T0))]) == HttpStatusCode.Accepted,
            "the probe scans accepted");

    private static async Task<bool> AllApplied(HttpClient client, List<string> probes)
    {
        foreach (var tn in probes)
        {
            if (await GetJson(client, $"/api/shipments/{tn}") is null)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"Shipment (\S+): scan (\S+) (\S+) already applied")]
    private static partial Regex AlreadyApplied();

    /// <summary>The load: per worker, its shipments step by step (a key's events one request after another) and its vehicles' pings.</summary>
    private sealed class Load
    {
        private readonly ConcurrentDictionary<string, (string TrackingNumber, string ScanType, DateTimeOffset At)> _acceptedScans = new();
        private readonly ConcurrentDictionary<string, bool> _accepted = new();
        private int _sent;

        public int Sent => _sent;

        public int AcceptedScanCount => _acceptedScans.Count;

        public HashSet<string> AcceptedIds() => [.. _accepted.Keys];

        public List<(string TrackingNumber, List<(string ScanType, DateTimeOffset At)> Scans)> AcceptedScans() =>
            [.. _acceptedScans.Values.GroupBy(s => s.TrackingNumber).Select(g => (g.Key, g.Select(s => (s.ScanType, s.At)).ToList()))];

        /// <summary>Sends every request to the first client that acknowledges it; fails over to the next on any other answer.</summary>
        public async Task RunAsync(string name, HttpClient[] clients, TaskCompletionSource? killAfterAThird)
        {
            var shipments = Enumerable.Range(0, ShipmentsPerSilo).Select(i => NewKey("CR" + name)).ToList();
            var vehicles = Enumerable.Range(0, VehiclesPerSilo).Select(i => NewKey("CV" + name)).ToList();
            var requests = new List<JsonNode[]>();
            var tick = 0;
            for (var step = 0; step < Steps.Length; step++)
            {
                foreach (var pair in shipments.Chunk(2))
                {
                    tick++;
                    var scans = pair.Select((tn, i) => Scan(tn, Steps[step], T0.AddMinutes(step * 10),
                        vehicleId: Steps[step] == "LoadedOnVehicle" ? vehicles[i % vehicles.Count] : null));
                    var pings = vehicles.Select((v, i) => Ping(v, 51.0 + i * 0.1, 4.0 + tick * 0.0005, T0.AddSeconds(tick * 3)));
                    requests.Add([.. scans, .. pings]);
                }
            }

            var current = 0;
            using var pace = new PeriodicTimer(Pace);
            for (var r = 0; r < requests.Count; r++)
            {
                await pace.WaitForNextTickAsync(TestContext.Current.CancellationToken);
                while (true)
                {
                    Interlocked.Add(ref _sent, requests[r].Length);
                    if (await TryPost(clients[current], requests[r]) == HttpStatusCode.Accepted)
                    {
                        Accept(requests[r]);
                        break;
                    }

                    current = Math.Min(current + 1, clients.Length - 1);
                }

                if (r == requests.Count / 3)
                {
                    killAfterAThird?.TrySetResult();
                }
            }
        }

        private void Accept(JsonNode[] events)
        {
            foreach (var e in events)
            {
                var id = e["id"]!.GetValue<string>();
                _accepted.TryAdd(id, true);
                if (e["type"]!.GetValue<string>() == "SupplyChain.ItemScanned")
                {
                    var data = e["data"]!;
                    _acceptedScans.TryAdd(id, (data["trackingNumber"]!.GetValue<string>(), data["scanType"]!.GetValue<string>(),
                        DateTimeOffset.Parse(e["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }
    }
}
