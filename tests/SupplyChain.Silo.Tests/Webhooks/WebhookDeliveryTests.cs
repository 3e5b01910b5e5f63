using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary>Deliveries to real receivers on loopback, on the shared silo (real time).</summary>
public sealed class WebhookDeliveryTests(SiloFixture fixture)
{
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] DeliveredOnly = ["SupplyChain.Delivered"];

    [Fact]
    public async Task Delivery_SignedStructuredCloudEvent_VerifiesByTheStandardWebhooksConvention()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var tn = NewId("WSIG");
        var (_, secret) = await Subscriptions.Create(_carrier, new { url = receiver.Url, trackingNumbers = new[] { tn } });

        await Subscriptions.PostEvents(_carrier, Scan(tn, "PickedUp"));

        var delivery = (await Eventually.Until(() => Task.FromResult(receiver.Posts), p => p.Count >= 1, "a delivery"))[0];
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.StartsWith("application/cloudevents+json", delivery.Headers["content-type"], StringComparison.Ordinal);
        var e = delivery.Event;
        Assert.Equal("1.0", e.GetProperty("specversion").GetString());
        Assert.Equal(delivery.Id, e.GetProperty("id").GetString());
        // The scan's milestone comes before the status it set.
        Assert.Equal("SupplyChain.MilestoneReached", e.GetProperty("type").GetString());
        Assert.Equal($"/supplychain/shipments/{tn}", e.GetProperty("source").GetString());
        Assert.Equal(tn, e.GetProperty("subject").GetString());
        Assert.Equal("PickedUp", e.GetProperty("data").GetProperty("scanType").GetString());
        Assert.Equal("InTransit", e.GetProperty("data").GetProperty("status").GetString());
        Assert.True(StandardWebhooksVerifier.Verify(secret, delivery.Headers, delivery.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(StandardWebhooksVerifier.Verify(secret, delivery.Headers, delivery.Body.Replace("InTransit", "Delivered", StringComparison.Ordinal), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(StandardWebhooksVerifier.Verify("whsec_" + Convert.ToBase64String(new byte[32]), delivery.Headers, delivery.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var shipmentEvents = await (await _carrier.GetAsync($"/api/shipments/{tn}/events", Ct)).Json();
        Assert.Equal(shipmentEvents[0].GetProperty("id").GetString(), delivery.Id);
    }

    [Fact]
    public async Task Filters_DeliverOnlyWhatTheyName()
    {
        await using var byType = await LoopbackReceiver.StartAsync();
        await using var byTrackingNumber = await LoopbackReceiver.StartAsync();
        await using var byVehicle = await LoopbackReceiver.StartAsync();
        await using var everything = await LoopbackReceiver.StartAsync();
        var (tnA, tnB, truckA, truckB) = (NewId("WFA"), NewId("WFB"), NewId("WFTA"), NewId("WFTB"));
        var fence = NewId("wfz");
        // A zone far from every other test's coordinates.
        var zone = GeoJson.Box(10.0, 10.0, 10.2, 10.2);
        Assert.True((await _admin.PutAsync($"/api/geofences/{fence}", Content(zone, "application/geo+json"), Ct)).IsSuccessStatusCode);
        await Subscriptions.Create(_carrier, new { url = byType.Url, types = DeliveredOnly, trackingNumbers = new[] { tnA, tnB } });
        await Subscriptions.Create(_carrier, new { url = byTrackingNumber.Url, trackingNumbers = new[] { tnA } });
        await Subscriptions.Create(_carrier, new { url = byVehicle.Url, vehicleIds = new[] { truckA } });
        await Subscriptions.Create(_carrier, new { url = everything.Url, trackingNumbers = new[] { tnA, tnB }, vehicleIds = new[] { truckA, truckB } });

        var t = Now.AddHours(-2);
        await Subscriptions.PostEvents(_carrier,
            Scan(tnA, "PickedUp", t), Scan(tnB, "PickedUp", t), Scan(tnB, "Delivered", t.AddMinutes(5)),
            Ping(truckA, 10.1, 10.1, t), Ping(truckB, 10.1, 10.1, t),
            Scan(tnA, "Delivered", t.AddMinutes(10)));

        // tnA: 2 milestones, 2 status changes + Delivered; tnB: the same; each truck: GeofenceEntered.
        await Eventually.Until(() => Task.FromResult(everything.Posts), p => p.Count >= 12, "every event at the unfiltered subscription");
        await Eventually.Until(() => Task.FromResult(byType.Posts), p => p.Count >= 2, "both Delivered events");
        await Eventually.Until(() => Task.FromResult(byTrackingNumber.Posts), p => p.Any(r => r.Type == "SupplyChain.Delivered"), "tnA's Delivered event");
        await Eventually.Until(() => Task.FromResult(byVehicle.Posts), p => p.Count >= 1, "truckA's geofence event");

        Assert.Equal(12, everything.Posts.Select(r => r.Id).Distinct().Count());
        Assert.All(byType.Posts, r => Assert.Equal("SupplyChain.Delivered", r.Type));
        Assert.Equal([tnA, tnB], byType.Posts.Select(r => r.Subject).Order(StringComparer.Ordinal).ToArray());
        Assert.All(byTrackingNumber.Posts, r => Assert.Equal(tnA, r.Subject));
        Assert.Equal(
            [
                "SupplyChain.MilestoneReached", "SupplyChain.ShipmentStatusChanged",
                "SupplyChain.MilestoneReached", "SupplyChain.ShipmentStatusChanged", "SupplyChain.Delivered",
            ],
            byTrackingNumber.Posts.Select(r => r.Type).ToArray());
        var vehicleEvent = Assert.Single(byVehicle.Posts);
        Assert.Equal("SupplyChain.GeofenceEntered", vehicleEvent.Type);
        Assert.Equal(truckA, vehicleEvent.Subject);
        Assert.Equal(fence, vehicleEvent.Event.GetProperty("data").GetProperty("geofenceId").GetString());
        await _admin.DeleteAsync($"/api/geofences/{fence}", Ct);
    }

    [Fact]
    public async Task SlowReceiver_DoesNotDelayAnotherSubscription()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slow = await LoopbackReceiver.StartAsync(respond: async (_, context) =>
        {
            holding.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = 200;
        });
        await using var fast = await LoopbackReceiver.StartAsync();
        var tns = Enumerable.Range(0, 5).Select(_ => NewId("WSLW")).ToArray();
        await Subscriptions.Create(_carrier, new { url = slow.Url, trackingNumbers = tns });
        await Subscriptions.Create(_carrier, new { url = fast.Url, trackingNumbers = tns });

        await Subscriptions.PostEvents(_carrier, [.. tns.Select(tn => Scan(tn, "PickedUp"))]);

        await Eventually.True(() => Task.FromResult(holding.Task.IsCompleted), "the slow receiver holding a delivery");
        // At least once: a busy machine may deliver an event twice (same id), so count distinct subjects.
        var fastGot = await Eventually.Until(
            () => Task.FromResult(fast.Posts.Select(r => r.Subject).Distinct().ToList()), s => s.Count >= tns.Length, "every event at the fast receiver");
        Assert.False(release.Task.IsCompleted);
        Assert.Equal(tns.Order(StringComparer.Ordinal), fastGot.Order(StringComparer.Ordinal));
        release.SetResult();
        await Eventually.Until(() => Task.FromResult(slow.Posts.Select(r => r.Id).Distinct().Count()), n => n >= tns.Length, "every event at the slow receiver once released");
    }
}
