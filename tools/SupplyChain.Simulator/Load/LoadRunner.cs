using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SupplyChain.Simulator.Fleet;

namespace SupplyChain.Simulator.Load;

/// <summary>
/// Posts the fleet's pings as fast as the platform takes them (or at a fixed rate): every body is
/// prepared before the clock starts, connections are kept alive, and the generator reports its own
/// CPU share so a reader can tell whether it, rather than the platform, was the limit.
/// </summary>
internal sealed class LoadRunner(LoadSettings settings, TextWriter output)
{
    /// <summary>Event time between two pings of one vehicle.</summary>
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    /// <summary>How often a warm-up request refused for now (503, 429) is sent before the run gives up.</summary>
    private const int WarmUpAttempts = 10;

    /// <summary>The wait before a refused warm-up request is sent again.</summary>
    private static readonly TimeSpan WarmUpRetryDelay = TimeSpan.FromSeconds(2);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var prefix = "L" + settings.Seed.ToString(CultureInfo.InvariantCulture) + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) + "-";
        var fleet = new FleetModel(settings.Vehicles, settings.Shipments, settings.Seed, prefix);
        using var client = new PlatformClient(settings.Url, settings.CarrierKey, settings.AdminKey, settings.Connections);
        var rounds = (int)Math.Ceiling(settings.Events / (double)settings.Vehicles);
        var start = DateTimeOffset.UtcNow - PingInterval * (settings.WarmUpRounds + rounds + 6);

        if (settings.Verify)
        {
            await SetUp(fleet, client, start, cancellationToken);
        }

        output.WriteLine($"Preparing {settings.WarmUpRounds} + {rounds} rounds of {settings.Vehicles} pings{(settings.Structured ? " each in a structured request of its own" : $" in batches of {settings.BatchSize}")} ...");
        var bodies = Prepare(fleet, settings.WarmUpRounds + rounds, start);
        var warmUpBodies = bodies.Count * settings.WarmUpRounds / (settings.WarmUpRounds + rounds);
        if (warmUpBodies > 0)
        {
            output.WriteLine($"Warming up with {settings.WarmUpRounds} rounds ...");
            await WarmUp(client, bodies[..warmUpBodies], cancellationToken);
            if (settings.Verify)
            {
                // Measuring starts once the warm-up is applied, so its tail is not charged to the measured load.
                var warmUpClock = Stopwatch.StartNew();
                await WaitUntilApplied(fleet, client, start + PingInterval * (settings.WarmUpRounds - 1), warmUpClock, cancellationToken);
            }

            bodies = bodies[warmUpBodies..];
            start += PingInterval * settings.WarmUpRounds;
        }

        var probeVehicles = fleet.Shipments.Take(settings.Probes).Select(s => s.Vehicle.Id).ToHashSet(StringComparer.Ordinal);

        var probe = new LiveProbe(client.Admin);
        using var stopProbes = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probes = fleet.Shipments.Take(settings.Verify ? settings.Probes : 0).Select(s => probe.Follow(s.TrackingNumber, stopProbes.Token)).ToList();

        // A line of its own, so a script can tell what the warm-up cost from what the measured load did.
        output.WriteLine("Measuring ...");
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var latencies = new double[bodies.Count];
        var next = -1;
        var accepted = 0L;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var acceptedBefore = 0L;
        using var progress = new Timer(_ =>
        {
            var now = Volatile.Read(ref accepted);
            output.Write($"\r  {now,10:N0} pings accepted, {now / Math.Max(0.001, clock.Elapsed.TotalSeconds),9:N0}/s on average, {now - acceptedBefore,9:N0} in the last second   ");
            acceptedBefore = now;
        }, null, 1000, 1000);
        await Task.WhenAll(Enumerable.Range(0, settings.Connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var body = bodies[i];
                await PaceAsync(i, clock, settings.RatePerSecond, cancellationToken);

                var sent = Stopwatch.GetTimestamp();
                foreach (var vehicle in body.Vehicles.Where(probeVehicles.Contains))
                {
                    probe.Sent(vehicle, body.Time, sent);
                }

                HttpStatusCode status;
                try
                {
                    status = await client.PostEvents(body.Bytes, cancellationToken, settings.Structured);
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status == HttpStatusCode.Accepted)
                {
                    Interlocked.Add(ref accepted, body.Vehicles.Count);
                }
            }
        }, cancellationToken)));
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / (sendSeconds * Environment.ProcessorCount);
        await progress.DisposeAsync();
        output.WriteLine();

        var lastFix = start + PingInterval * (rounds - 1);
        var appliedSeconds = settings.Verify ? await WaitUntilApplied(fleet, client, lastFix, clock, cancellationToken) : null;
        await stopProbes.CancelAsync();
        await Task.WhenAll(probes);

        var http = latencies.Order().ToList();
        var e2e = probe.LatenciesMs.Order().ToList();
        var result = new Dictionary<string, object?>
        {
            ["label"] = settings.Label,
            ["vehicles"] = settings.Vehicles,
            ["events"] = bodies.Sum(b => b.Vehicles.Count),
            ["accepted"] = accepted,
            ["batch"] = settings.BatchSize,
            ["structured"] = settings.Structured,
            ["connections"] = settings.Connections,
            ["targetRate"] = settings.RatePerSecond,
            ["acceptedPerSecond"] = Math.Round(accepted / sendSeconds),
            ["appliedPerSecond"] = appliedSeconds is { } s ? Math.Round(accepted / s) : null,
            ["httpP50Ms"] = Math.Round(Percentiles.Of(http, 50), 1),
            ["httpP95Ms"] = Math.Round(Percentiles.Of(http, 95), 1),
            ["httpP99Ms"] = Math.Round(Percentiles.Of(http, 99), 1),
            ["e2eSamples"] = e2e.Count,
            ["e2eP50Ms"] = e2e.Count > 0 ? Math.Round(Percentiles.Of(e2e, 50), 1) : null,
            ["e2eP99Ms"] = e2e.Count > 0 ? Math.Round(Percentiles.Of(e2e, 99), 1) : null,
            ["statuses"] = statuses.ToDictionary(p => ((int)p.Key).ToString(CultureInfo.InvariantCulture), p => p.Value),
            ["generatorCpuShare"] = Math.Round(cpu, 2),
        };
        output.WriteLine($"accepted {accepted:N0} pings in {sendSeconds:F1} s = {accepted / sendSeconds:N0}/s; all applied after {appliedSeconds:F1} s");
        output.WriteLine($"HTTP p50/p95/p99 {result["httpP50Ms"]}/{result["httpP95Ms"]}/{result["httpP99Ms"]} ms; end to end p50/p99 {result["e2eP50Ms"]}/{result["e2eP99Ms"]} ms over {e2e.Count} samples");
        output.WriteLine($"statuses {string.Join(", ", statuses.Select(p => $"{(int)p.Key}: {p.Value}"))}; generator CPU share {cpu:P0}");
        output.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return statuses.Keys.All(k => k == HttpStatusCode.Accepted) ? 0 : 1;
    }

    /// <summary>
    /// Sends the warm-up bodies over the same connections, measuring nothing; every one must be accepted.
    /// With a rate, at that rate: a fleet comes online at its own pace, and its first pings (each vehicle
    /// claimed and read from storage) all at once would measure Azurite's burst capacity instead.
    /// </summary>
    private async Task WarmUp(PlatformClient client, List<PreparedBody> bodies, CancellationToken cancellationToken)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                await PaceAsync(i, clock, settings.WarmUpRatePerSecond, cancellationToken);
                for (var attempt = 1; ; attempt++)
                {
                    var status = await client.PostEvents(bodies[i].Bytes, cancellationToken, settings.Structured);
                    if (status == HttpStatusCode.Accepted)
                    {
                        break;
                    }

                    // Sent again, as a device would: a fleet's first pings each claim a vehicle, and storage
                    // that falls behind answers 503 ("send it again later") until it catches up.
                    if (status is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests) || attempt == WarmUpAttempts)
                    {
                        throw new InvalidOperationException($"A warm-up request was answered {(int)status} (attempt {attempt}).");
                    }

                    await Task.Delay(WarmUpRetryDelay, cancellationToken);
                }
            }
        }, cancellationToken)));
    }

    /// <summary>With a rate, waits until body <paramref name="index"/> is due on <paramref name="clock"/>; at once without one.</summary>
    private async Task PaceAsync(int index, Stopwatch clock, double? ratePerSecond, CancellationToken cancellationToken)
    {
        if (ratePerSecond is { } rate && TimeSpan.FromSeconds(index * (double)settings.BatchSize / rate) - clock.Elapsed is var due && due > TimeSpan.Zero)
        {
            await Task.Delay(due, cancellationToken);
        }
    }

    private async Task SetUp(FleetModel fleet, PlatformClient client, DateTimeOffset start, CancellationToken cancellationToken)
    {
        if (fleet.Shipments.Count == 0)
        {
            return;
        }

        output.WriteLine($"Setting up {fleet.Shipments.Count} shipments on {fleet.Vehicles.Count} vehicles ...");
        foreach (var chunk in fleet.Shipments.Chunk(64))
        {
            await Task.WhenAll(chunk.Select(s => client.PutPlan(s, CloudEventWriter.Plan(s, start.AddDays(1)), cancellationToken)));
        }

        foreach (var chunk in fleet.Shipments.Chunk(settings.BatchSize))
        {
            await client.PostEvents(
                CloudEventWriter.Batch(chunk.Select(s => CloudEventWriter.Scan(s.TrackingNumber, "LoadedOnVehicle", s.Vehicle.Id, start.AddMinutes(-1), s.Vehicle.Trip.From))),
                cancellationToken);
        }
    }

    private List<PreparedBody> Prepare(FleetModel fleet, int rounds, DateTimeOffset start)
    {
        var bodies = new List<PreparedBody>();
        for (var round = 0; round < rounds; round++)
        {
            var time = start + PingInterval * round;
            foreach (var chunk in fleet.Vehicles.Chunk(settings.BatchSize))
            {
                var tick = round.ToString(CultureInfo.InvariantCulture);
                bodies.Add(new PreparedBody(
                    settings.Structured
                        ? CloudEventWriter.Ping(chunk[0], time, PingInterval * round, tick)
                        : CloudEventWriter.PingBatch(chunk, time, PingInterval * round, tick),
                    [.. chunk.Select(v => v.Id)],
                    time));
            }
        }

        return bodies;
    }

    /// <summary>Seconds from the start of sending until every vehicle shows its last ping, or null after a minute of waiting.</summary>
    private async Task<double?> WaitUntilApplied(FleetModel fleet, PlatformClient client, DateTimeOffset lastFix, Stopwatch clock, CancellationToken cancellationToken)
    {
        var deadline = clock.Elapsed + TimeSpan.FromMinutes(1);
        while (clock.Elapsed < deadline)
        {
            var fixes = await client.FleetFixTimes(cancellationToken);
            if (fleet.Vehicles.All(v => fixes.TryGetValue(v.Id, out var at) && at >= lastFix))
            {
                return clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        output.WriteLine("Not every vehicle showed its last ping within a minute of the end of sending.");
        return null;
    }

    private sealed record PreparedBody(byte[] Bytes, IReadOnlyList<string> Vehicles, DateTimeOffset Time);
}
