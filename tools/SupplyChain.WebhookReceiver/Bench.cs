using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplyChain.WebhookReceiver;

/// <summary>
/// Measures webhook delivery against a running silo (Development keys): the time from posting a
/// scan until its shipment shows the event, without and then with a subscription that takes every
/// event (the difference is what the outbox hand-off adds), the time until the event reaches this
/// receiver, and deliveries per second for a burst of scans.
/// </summary>
internal static class Bench
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var silo = new Uri(config["silo"] ?? "http://127.0.0.1:8080");
        var key = config["key"] ?? "dev-carrier";
        var events = config.GetValue("events", 9_000);
        var probes = config.GetValue("probes", 200);
        var batch = config.GetValue("batch", 500);
        var connections = config.GetValue("connections", 4);
        var run = Guid.NewGuid().ToString("N")[..6];

        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var receiver = new Receiver(_ => { }, quiet: true)
        {
            OnEvent = e => received.TryAdd(e.GetProperty("subject").GetString()!, Stopwatch.GetTimestamp()),
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        receiver.Map(app);
        await app.StartAsync();
        var hookUrl = app.Urls.First() + "/hooks";

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections + 1 }) { BaseAddress = silo };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        output.WriteLine($"silo {silo}, receiver {hookUrl}, {probes} probes, {events} events in batches of {batch} over {connections} connections");
        var without = await Probe(client, $"BNA-{run}", probes, null);
        await Serial(client, $"BSW-{run}", 1); // warm-up: JIT and first activations
        var serialWithout = await Serial(client, $"BSA-{run}", 5);
        var created = await client.PostAsJsonAsync("/api/subscriptions", new { url = hookUrl, description = "webhook bench" });
        var subscription = await created.Content.ReadFromJsonAsync<JsonElement>();
        if (created.StatusCode != HttpStatusCode.Created)
        {
            output.WriteLine($"creating the subscription failed: {(int)created.StatusCode} {subscription}");
            return 1;
        }

        receiver.Secret = subscription.GetProperty("secret").GetString()!;
        var id = subscription.GetProperty("id").GetString()!;
        try
        {
            var posted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var with = await Probe(client, $"BNB-{run}", probes, posted);
            var serialWith = await Serial(client, $"BSB-{run}", 5);
            await Until(() => posted.Keys.All(received.ContainsKey), TimeSpan.FromSeconds(30));
            var delivery = posted.Select(p => Stopwatch.GetElapsedTime(p.Value, received[p.Key]).TotalMilliseconds).Order().ToArray();
            output.WriteLine($"scan -> shipment shows the event, no subscription:   p50 {P(without, 0.5):0.00} ms, p90 {P(without, 0.9):0.00} ms");
            output.WriteLine($"scan -> shipment shows the event, with subscription: p50 {P(with, 0.5):0.00} ms, p90 {P(with, 0.9):0.00} ms (both dominated by the stream pulling period)");
            output.WriteLine($"{SerialScans} scans of one shipment applied, no subscription:   {serialWithout:0.000} ms per scan (median of 5)");
            output.WriteLine($"{SerialScans} scans of one shipment applied, with subscription: {serialWith:0.000} ms per scan (median of 5): the outbox hand-off adds {serialWith - serialWithout:0.000} ms per event");
            output.WriteLine($"scan -> webhook received (idle silo):                p50 {P(delivery, 0.5):0.00} ms, p90 {P(delivery, 0.9):0.00} ms");

            var before = received.Count;
            var bodies = Enumerable.Range(0, (events + batch - 1) / batch)
                .Select(b => Batch(Enumerable.Range(b * batch, Math.Min(batch, events - (b * batch))).Select(i => $"BNC-{run}-{i}")))
                .ToArray();
            var started = Stopwatch.GetTimestamp();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
            {
                int mine;
                while ((mine = Interlocked.Increment(ref next)) < bodies.Length)
                {
                    using var content = new StringContent(bodies[mine], Encoding.UTF8, "application/cloudevents-batch+json");
                    using var response = await client.PostAsync("/api/events", content);
                    response.EnsureSuccessStatusCode();
                }
            }));
            var accepted = Stopwatch.GetElapsedTime(started);
            var complete = await Until(() => received.Count - before >= events, TimeSpan.FromMinutes(10));
            var elapsed = Stopwatch.GetElapsedTime(started);
            output.WriteLine($"burst: {events} scans accepted in {accepted.TotalSeconds:0.00} s; "
                + (complete ? $"all {events} delivered in {elapsed.TotalSeconds:0.00} s: {events / elapsed.TotalSeconds:0} deliveries/s"
                    : $"only {received.Count - before} delivered after {elapsed.TotalSeconds:0} s")
                + $" (rejected {receiver.Rejected}, duplicates {receiver.Duplicates})");
            return complete && receiver.Rejected == 0 ? 0 : 1;
        }
        finally
        {
            await client.DeleteAsync($"/api/subscriptions/{id}");
        }
    }

    /// <summary>Posts one scan at a time and spins until its shipment shows the event; milliseconds, sorted.</summary>
    private static async Task<double[]> Probe(HttpClient client, string prefix, int count, ConcurrentDictionary<string, long>? posted)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var tn = $"{prefix}-{i}";
            using var content = new StringContent(Batch([tn]), Encoding.UTF8, "application/cloudevents-batch+json");
            var start = Stopwatch.GetTimestamp();
            posted?.TryAdd(tn, start);
            (await client.PostAsync("/api/events", content)).EnsureSuccessStatusCode();
            while (true)
            {
                using var response = await client.GetAsync($"/api/shipments/{tn}/events");
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Length > 2)
                {
                    break;
                }
            }

            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return [.. times.Order()];
    }

    private const int SerialScans = 500;

    /// <summary>
    /// One batch of <see cref="SerialScans"/> scans for one shipment, each changing its status (so each
    /// raises an event): a shipment applies them one after another, so the time until all are
    /// applied, per scan, is the shipment's cost per event (state write, and the hand-off when a
    /// subscription wants the event). Milliseconds per scan, the median of <paramref name="runs"/>.
    /// </summary>
    private static async Task<double> Serial(HttpClient client, string prefix, int runs)
    {
        var perScan = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var tn = $"{prefix}-{run}";
            var t0 = DateTimeOffset.UtcNow.AddHours(-1);
            var scans = new JsonArray([.. Enumerable.Range(0, SerialScans).Select(i => (JsonNode)new JsonObject
            {
                ["specversion"] = "1.0",
                ["id"] = Guid.NewGuid().ToString("N"),
                ["source"] = "/carriers/bench/scanners/1",
                ["type"] = "SupplyChain.ItemScanned",
                ["time"] = t0.AddMilliseconds(i).ToString("O"),
                ["datacontenttype"] = "application/json",
                ["data"] = new JsonObject { ["trackingNumber"] = tn, ["scanType"] = i % 2 == 0 ? "OutForDelivery" : "DeliveryAttempted" },
            })]).ToJsonString();
            using var content = new StringContent(scans, Encoding.UTF8, "application/cloudevents-batch+json");
            var start = Stopwatch.GetTimestamp();
            (await client.PostAsync("/api/events", content)).EnsureSuccessStatusCode();
            while (true)
            {
                using var response = await client.GetAsync($"/api/shipments/{tn}");
                if (response.StatusCode == HttpStatusCode.OK
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("milestones").GetArrayLength() == SerialScans)
                {
                    break;
                }

                await Task.Delay(2);
            }

            perScan.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / SerialScans);
        }

        return perScan.Order().ElementAt(runs / 2);
    }

    private static string Batch(IEnumerable<string> trackingNumbers)
    {
        var now = DateTimeOffset.UtcNow.ToString("O");
        return new JsonArray([.. trackingNumbers.Select(tn => (JsonNode)new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["source"] = "/carriers/bench/scanners/1",
            ["type"] = "SupplyChain.ItemScanned",
            ["time"] = now,
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject { ["trackingNumber"] = tn, ["scanType"] = "PickedUp" },
        })]).ToJsonString();
    }

    private static async Task<bool> Until(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}
