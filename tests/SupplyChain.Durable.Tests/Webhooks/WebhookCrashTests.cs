using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Webhooks;

/// <summary>
/// The webhook guarantee in Durable mode: two silo processes on Azurite, a subscription to a real
/// receiver on loopback, events queued while the receiver answers 503, then <c>kill -9</c> of the
/// silo that hosts the subscription's dispatcher. The dispatcher's queue lives in Azure blob state
/// and its wake-up reminder in Azure Table, so the surviving silo must resume it (nothing else
/// calls the dispatcher after the kill) and deliver every event, signed, with the id it had before.
/// Segments of 4 events put most of the queue in backlog segments, each its own blob, so the test
/// covers the head and the segments alike.
/// </summary>
/// <remarks>
/// The retry schedule must outlast everything before the receiver comes back: with too short a
/// schedule the first event of each shipment is dead-lettered (correctly) while the test still
/// waits, which once looked like events lost from the backlog. The dead letters are checked before
/// the kill, so a budget too small fails there, by name.
/// </remarks>
public sealed partial class WebhookCrashTests : IAsyncLifetime
{
    private const int Shipments = 4;

    /// <summary>A quarter of the test's 16 events: the head holds one segment's worth, three segments the rest.</summary>
    private const int SegmentSize = 4;

    /// <summary>
    /// Retries of every event, 3 s apart: 150 s before an event is dead-lettered, well beyond the
    /// time to queue the events, kill a silo and bring the receiver back on a busy 2-core machine.
    /// </summary>
    private const int Retries = 50;
    private static readonly string[] Journey = ["PickedUp", "OutForDelivery", "Delivered"];

    /// <summary>
    /// The types the subscription takes: the 16 events the segments are sized for. Each scan's
    /// <c>MilestoneReached</c> is left out so the late scan below raises nothing the receiver hears.
    /// </summary>
    private static readonly string[] StatusTypes = ["SupplyChain.ShipmentStatusChanged", "SupplyChain.Delivered"];
    private Azurite _azurite = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The ids of a shipment's recorded events that the subscription takes, in recorded order.</summary>
    private static string[] Subscribed(JsonElement events) =>
        [.. events.EnumerateArray().Where(e => StatusTypes.Contains(e.GetProperty("type").GetString())).Select(e => e.GetProperty("id").GetString()!)];

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task DispatcherSiloKilled_WhileReceiverFails_SurvivorDeliversEveryEventWithItsId()
    {
        var clusterId = "hooks-" + Guid.NewGuid().ToString("N")[..8];
        string[] settings =
        [
            // Short waits, and enough of them that no event is dead-lettered during the outage.
            .. Enumerable.Range(0, Retries).Select(i => $"--SupplyChain:Webhooks:RetrySchedule:{i}=00:00:03"),
            // Small segments: most of the queue waits in backlog segments (their own blobs) at the kill.
            $"--SupplyChain:Webhooks:SegmentSize={SegmentSize}",
            "--Logging:LogLevel:SupplyChain.Grains.Webhooks=Debug",
        ];
        await using var s0 = SiloProcess.Create("silo-0", _azurite.ConnectionString, clusterId, settings);
        await using var s1 = SiloProcess.Create("silo-1", _azurite.ConnectionString, clusterId, settings);
        await Task.WhenAll(s0.StartAsync(), s1.StartAsync());
        await Eventually.True(async () => await Membership.ActiveAsync(_azurite, clusterId) == 2, "two Active silos");

        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = 503;
        receiver.RetryAfter = "1";
        var tns = Enumerable.Range(0, Shipments).Select(_ => NewKey("WHK")).ToArray();
        using var admin = s0.Client(SiloProcess.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/subscriptions", new { url = receiver.Url, types = StatusTypes, trackingNumbers = tns }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = subscription.GetProperty("id").GetString()!;
        var secret = subscription.GetProperty("secret").GetString()!;
        receiver.Secret = secret;

        // Either silo may run the shipments: both must route to the new subscription first.
        await Eventually.True(
            () => Task.FromResult(new[] { s0, s1 }.All(s => s.Output.Any(line => RoutingToOne().IsMatch(line)))),
            "both silos routing to the subscription");

        using var carrier = s0.Client(SiloProcess.CarrierKey);
        for (var step = 0; step < Journey.Length; step++)
        {
            await PostAccepted(carrier, [.. tns.Select(tn => Scan(tn, Journey[step], T0.AddMinutes(step * 10)))]);
            if (step == 0)
            {
                // The head (one segment's worth) must hold each shipment's first event, so every
                // shipment gets an attempt before the kill: the later events wait until it is full.
                await Eventually.True(
                    async () => (await GetJson(admin, $"/api/subscriptions/{id}"))?.GetProperty("pending").GetInt32() == Shipments,
                    "each shipment's first event queued in the head");
            }
        }

        // What the subscription wants: every outbound event of its shipments, in recorded order.
        var recorded = new Dictionary<string, string[]>();
        foreach (var tn in tns)
        {
            var events = await Eventually.Until(
                () => GetJson(carrier, $"/api/shipments/{tn}/events"),
                e => e is { } list && list.EnumerateArray().Any(x => x.GetProperty("type").GetString() == "SupplyChain.Delivered"),
                $"{tn}'s outbound events");
            recorded[tn] = Subscribed(events!.Value);
        }

        var expected = recorded.Values.SelectMany(ids => ids).ToHashSet();

        // A late scan (older than the status) changes nothing and raises only its milestone, which the
        // subscription does not take, but its state write stores each shipment's outbox emptied of
        // the subscribed events: no shipment activated after the kill (a
        // stream message redelivered, say) hands the events over again, so only the dispatcher's
        // own reminder can bring them back.
        await PostAccepted(carrier, [.. tns.Select(tn => Scan(tn, "ArrivedAtFacility", T0.AddMinutes(5)))]);
        foreach (var tn in tns)
        {
            await Eventually.True(
                async () => (await GetJson(carrier, $"/api/shipments/{tn}"))?.GetProperty("milestones").GetArrayLength() == Journey.Length + 1,
                $"{tn}'s late scan applied");
            var events = await GetJson(carrier, $"/api/shipments/{tn}/events");
            Assert.Equal(recorded[tn], Subscribed(events!.Value));
        }

        await Eventually.True(
            async () => (await GetJson(admin, $"/api/subscriptions/{id}"))?.GetProperty("pending").GetInt32() == expected.Count,
            "every event queued by the dispatcher");
        var beforeKill = await Eventually.Until(
            () => Task.FromResult(receiver.Posts),
            a => a.Select(x => x.Subject).Distinct().Count() == Shipments,
            "a failed attempt at each shipment's first event");
        Assert.All(beforeKill, a => Assert.Equal(503, a.Status));
        Assert.All(beforeKill, a => Assert.True(a.IsSignedWith(secret), $"signature of {a.Id}"));
        var idsBeforeKill = beforeKill.Select(a => a.Id).ToHashSet();
        Assert.Subset(expected, idsBeforeKill);

        // At the kill the queue is in the dispatcher's blob (and would be in segments beyond the head).
        // The blobs are read one after another while the dispatcher keeps retrying (and moving events
        // from a segment into the head), so a read can straddle one of its writes: read until one
        // read sees a single moment.
        var stored = await Eventually.Until(
            () => StoredQueue(id),
            q => expected.Order().SequenceEqual(q.All.Order()),
            "the stored head and segments holding every event once");
        Assert.InRange(stored.Head.Count, 1, SegmentSize + (SegmentSize / 2));
        Assert.True(stored.Segments.Count(s => s.Count > 0) >= 2, $"most of the queue in backlog segments: {stored}");
        var atKill = await GetJson(admin, $"/api/subscriptions/{id}");
        Assert.Equal(0, atKill!.Value.GetProperty("deadLetters").GetInt32());

        // The dispatcher runs where it was activated; that silo dies with its queue in memory.
        var hosts = new[] { s0, s1 }.Where(s => s.Output.Any(line => line.Contains($"Webhook subscription {id} activated", StringComparison.Ordinal))).ToList();
        var host = Assert.Single(hosts);
        var survivor = host == s0 ? s1 : s0;
        await receiver.StopAsync();
        await host.KillAsync();
        await Eventually.True(
            async () => await Membership.StatusOfAsync(_azurite, clusterId, host.SiloPort) == "Dead",
            $"{host.Name} declared dead", TimeSpan.FromSeconds(60));
        receiver.Answer = 204;
        receiver.RetryAfter = null;
        await receiver.StartAsync();

        // Nothing calls the dispatcher now: its reminder wakes it (at most a minute after the takeover).
        var delivered = await Eventually.Until(
            () => Task.FromResult(receiver.Posts.Where(a => a.Status == 204).ToList()),
            d => expected.IsSubsetOf(d.Select(a => a.Id)),
            "every event delivered after the kill", TimeSpan.FromMinutes(3));

        var resumed = survivor.Output.Select(line => Resumed().Match(line)).Where(m => m.Success && m.Groups[1].Value == id).ToList();
        Assert.Contains(resumed, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) == expected.Count);
        Assert.All(receiver.Posts, a => Assert.True(a.IsSignedWith(secret), $"signature of {a.Id}"));
        Assert.All(receiver.Posts, a => Assert.Equal(a.EventId, a.Id));
        Assert.Subset(delivered.Select(a => a.Id).ToHashSet(), idsBeforeKill);
        Assert.Subset(expected, delivered.Select(a => a.Id).ToHashSet());
        foreach (var tn in tns)
        {
            Assert.Equal(recorded[tn], delivered.Where(a => a.Subject == tn).Select(a => a.Id).Distinct());
        }

        using var reader = survivor.Client(SiloProcess.AdminKey);
        var view = await Eventually.Until(
            () => GetJson(reader, $"/api/subscriptions/{id}"), v => v?.GetProperty("pending").GetInt32() == 0, "the queue emptied");
        Assert.Equal(0, view!.Value.GetProperty("deadLetters").GetInt32());
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"webhook crash test: {expected.Count} events, {idsBeforeKill.Count} attempted before kill -9 of {host.Name}, "
            + $"{receiver.Posts.Count} requests in all, {delivered.Count} answered 204");
    }

    /// <summary>The event ids of the dispatcher's stored head, and of each backlog segment in its stored range, read from the blobs.</summary>
    private async Task<StoredIds> StoredQueue(string subscriptionId)
    {
        var container = _azurite.Blobs.GetBlobContainerClient("grainstate");
        using var dispatcher = JsonDocument.Parse((await container.GetBlobClient($"webhook-webhookdispatcher/{subscriptionId}.json").DownloadContentAsync(Ct)).Value.Content);
        var head = dispatcher.RootElement.GetProperty("Queue").EnumerateArray().Select(q => q.GetProperty("Event").GetProperty("Id").GetString()!).ToList();
        var range = dispatcher.RootElement.GetProperty("Backlog");
        var segments = new List<List<string>>();
        for (var n = range.GetProperty("First").GetInt64(); n < range.GetProperty("Next").GetInt64(); n++)
        {
            var blob = container.GetBlobClient($"webhookSegment-webhooksegment/{subscriptionId}/{n}.json");
            if (!(await blob.ExistsAsync(Ct)).Value)
            {
                // Taken into the head and cleared since the dispatcher's blob was read.
                segments.Add([]);
                continue;
            }

            using var segment = JsonDocument.Parse((await blob.DownloadContentAsync(Ct)).Value.Content);
            segments.Add([.. segment.RootElement.GetProperty("Events").EnumerateArray().Select(e => e.GetProperty("Id").GetString()!)]);
        }

        return new StoredIds(head, segments);
    }

    /// <summary>A subscription's queue as stored: the head's event ids and each segment's, oldest first.</summary>
    private sealed record StoredIds(List<string> Head, List<List<string>> Segments)
    {
        public IEnumerable<string> All => Head.Concat(Segments.SelectMany(s => s));

        public override string ToString() =>
            $"head [{string.Join(", ", Head)}], segments [{string.Join("; ", Segments.Select(s => string.Join(", ", s)))}]";
    }

    [GeneratedRegex(@"Webhook routing index rebuilt at version \d+ with 1 enabled subscriptions")]
    private static partial Regex RoutingToOne();

    [GeneratedRegex(@"Webhook subscription (\S+) activated with (\d+) queued events")]
    private static partial Regex Resumed();
}
