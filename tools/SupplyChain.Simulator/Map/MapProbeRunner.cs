using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SupplyChain.Simulator.Fleet;
using SupplyChain.Simulator.Load;

namespace SupplyChain.Simulator.Map;

/// <summary>
/// What the ops map costs with a large fleet: puts the fleet on the map (one ping per vehicle), then,
/// while a share of the fleet keeps reporting (<c>--rate</c> pings/s, at the wall clock), reads each
/// standard view as the page does: a whole view, then a refresh of what changed every
/// <c>--interval</c> seconds. Prints the bytes and times per refresh, beside one read of the whole
/// fleet list (<c>GET /api/vehicles</c>, what the page polled before).
/// </summary>
internal sealed class MapProbeRunner(
    Uri url, string carrierKey, string adminKey, int vehicles, double rate, int refreshes, TimeSpan interval, int seed, TextWriter output)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var prefix = "M" + seed.ToString(CultureInfo.InvariantCulture) + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) + "-";
        var fleet = new FleetModel(vehicles, 0, seed, prefix);
        using var client = new PlatformClient(url, carrierKey, adminKey, 16);
        var started = DateTimeOffset.UtcNow;

        output.WriteLine($"Putting {vehicles} vehicles on the map ...");
        var before = await WithinAsync(client, cancellationToken);
        await PostAsync(client, fleet.Vehicles, started, cancellationToken);
        var clock = Stopwatch.StartNew();
        while (await WithinAsync(client, cancellationToken) < before + vehicles)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                output.WriteLine("Not every vehicle reached the map within 5 minutes.");
                return 1;
            }

            await Task.Delay(500, cancellationToken);
        }

        output.WriteLine($"On the map after {clock.Elapsed.TotalSeconds:F1} s.");
        var list = new List<(long Bytes, double Ms)>();
        for (var i = 0; i < 3; i++)
        {
            list.Add(await ReadAsync(client, "/api/vehicles", cancellationToken));
        }

        using var stopMoving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var moving = MoveAsync(client, fleet.Vehicles, started, stopMoving.Token);
        output.WriteLine($"| view | mode | vehicles in the box | whole view: bytes | ms p50 / max | refresh of what changed: bytes p50 / max | ms p50 / max |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        output.WriteLine($"| `GET /api/vehicles` (the whole fleet) | list | {vehicles:N0}+ | {list.Max(l => l.Bytes):N0} | {Median(list.Select(l => l.Ms)):F0} / {list.Max(l => l.Ms):F0} | | |");
        foreach (var view in MapView.Standard)
        {
            var whole = new List<(long Bytes, double Ms)>();
            JsonElement answer = default;
            for (var i = 0; i < 5; i++)
            {
                (var bytes, var ms, answer) = await ReadMapAsync(client, view.Query, cancellationToken);
                whole.Add((bytes, ms));
            }

            var follow = new List<(long Bytes, double Ms)>();
            for (var i = 0; i < refreshes; i++)
            {
                await Task.Delay(interval, cancellationToken);
                var cursor = answer.GetProperty("cursor").GetString()!;
                (var bytes, var ms, answer) = await ReadMapAsync(client, $"{view.Query}&since={Uri.EscapeDataString(cursor)}", cancellationToken);
                follow.Add((bytes, ms));
            }

            output.WriteLine(
                $"| {view.Name} | {answer.GetProperty("mode").GetString()} | {answer.GetProperty("within").GetInt32():N0} "
                + $"| {Median(whole.Select(w => (double)w.Bytes)):N0} | {Median(whole.Select(w => w.Ms)):F1} / {whole.Max(w => w.Ms):F1} "
                + $"| {Median(follow.Select(f => (double)f.Bytes)):N0} / {follow.Max(f => f.Bytes):N0} | {Median(follow.Select(f => f.Ms)):F1} / {follow.Max(f => f.Ms):F1} |");
        }

        await stopMoving.CancelAsync();
        var sent = await moving;
        output.WriteLine($"Meanwhile {sent:N0} pings moved the fleet ({rate:N0}/s asked).");
        return 0;
    }

    /// <summary>How far into its trips each vehicle is at the start (up to 10 hours, fixed per vehicle), so the fleet is spread along the roads, not parked in the cities.</summary>
    private static TimeSpan HeadStart(SimulatedVehicle vehicle) =>
        TimeSpan.FromMinutes(int.Parse(vehicle.Id.AsSpan(vehicle.Id.Length - 6), CultureInfo.InvariantCulture) * 7 % 600);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return Percentiles.Of(sorted, 50);
    }

    private static async Task<int> WithinAsync(PlatformClient client, CancellationToken cancellationToken)
    {
        using var doc = JsonDocument.Parse(await client.Admin.GetStringAsync("/api/ops/map?bbox=-180,-90,180,90&zoom=2", cancellationToken));
        return doc.RootElement.GetProperty("within").GetInt32();
    }

    private static async Task<(long Bytes, double Ms)> ReadAsync(PlatformClient client, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var body = await client.Admin.GetByteArrayAsync(path, cancellationToken);
        return (body.Length, clock.Elapsed.TotalMilliseconds);
    }

    private static async Task<(long Bytes, double Ms, JsonElement Answer)> ReadMapAsync(PlatformClient client, string query, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var body = await client.Admin.GetByteArrayAsync($"/api/ops/map?{query}", cancellationToken);
        var ms = clock.Elapsed.TotalMilliseconds;
        using var doc = JsonDocument.Parse(body);
        return (body.Length, ms, doc.RootElement.Clone());
    }

    private static async Task PostAsync(PlatformClient client, IReadOnlyList<SimulatedVehicle> vehicles, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var tick = "m0";
        await Parallel.ForEachAsync(vehicles.Chunk(500), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            var status = await client.PostEvents(CloudEventWriter.PingBatch(chunk, started, TimeSpan.Zero, tick, HeadStart), ct);
            if (status != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /api/events answered {(int)status}.");
            }
        });
    }

    /// <summary>Pings <c>rate</c> vehicles a second, round the fleet, each where its trip has taken it by now; how many were sent.</summary>
    private async Task<long> MoveAsync(PlatformClient client, IReadOnlyList<SimulatedVehicle> vehicles, DateTimeOffset started, CancellationToken cancellationToken)
    {
        long sent = 0;
        var next = 0;
        var perTick = Math.Max(1, (int)(rate / 10));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = DateTimeOffset.UtcNow;
                var chunk = Enumerable.Range(0, perTick).Select(i => vehicles[(next + i) % vehicles.Count]).ToArray();
                next = (next + perTick) % vehicles.Count;
                var tick = "m" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                foreach (var batch in chunk.Chunk(500))
                {
                    await client.PostEvents(CloudEventWriter.PingBatch(batch, now, now - started, tick, HeadStart), cancellationToken);
                    sent += batch.Length;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The measurement is over.
        }

        return sent;
    }
}
