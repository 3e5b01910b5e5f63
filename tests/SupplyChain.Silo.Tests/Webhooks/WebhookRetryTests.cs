using System.Net;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary>
/// Failures, retries, dead letters and disabling, each on its own silo whose webhook clock is a fake
/// the test moves: a day of retries takes as long as the HTTP requests do.
/// </summary>
public sealed class WebhookRetryTests
{
    private static readonly TimeSpan[] Schedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24),
    ];

    private static readonly string[] StatusChangesOnly = ["SupplyChain.ShipmentStatusChanged"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReceiverDownForAWhile_GetsEveryEventOnceInOrderPerSubject()
    {
        await using var silo = await WebhookSilo.StartAsync();
        var carrier = silo.Client(RunningSilo.CarrierKey);
        await using var receiver = await LoopbackReceiver.StartAsync(silo.Clock);
        var tns = Enumerable.Range(0, 3).Select(_ => NewId("WDWN")).ToArray();
        var (id, _) = await Subscriptions.Create(carrier, new { url = receiver.Url, trackingNumbers = tns });
        await receiver.StopAsync();

        var t = Now.AddHours(-3);
        string[] journey = ["PickedUp", "OutForDelivery", "DeliveryAttempted", "OutForDelivery", "Delivered"];
        foreach (var tn in tns)
        {
            await Subscriptions.PostEvents(carrier, [.. journey.Select((scan, i) => Scan(tn, scan, t.AddMinutes(i)))]);
        }

        // Each scan raises its milestone, then a status change (and the last a delivery): 11 events a subject.
        // Each subject's oldest event fails twice while the receiver is down; the rest wait behind it.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var failed = await Eventually.Until(
                () => Subscriptions.Deliveries(carrier, id),
                d => d.Count(r => r.GetProperty("attempt").GetInt32() == attempt) == tns.Length,
                $"attempt {attempt} of each subject's first event to fail");
            Assert.All(failed, r => Assert.False(r.GetProperty("delivered").GetBoolean()));
            await Eventually.Until(() => Subscriptions.Get(carrier, id), s => s.GetProperty("pending").GetInt32() == tns.Length * 11, "every event queued");
            if (attempt == 2)
            {
                await receiver.StartAsync();
            }

            AdvanceTo(silo, failed.Max(r => r.GetProperty("nextAttemptAt").GetDateTimeOffset()));
        }

        var received = await Eventually.Until(
            () => Task.FromResult(receiver.Posts), p => p.Select(r => r.Id).Distinct().Count() >= tns.Length * 11, "every event after the receiver came back");
        foreach (var tn in tns)
        {
            var recorded = (await (await carrier.GetAsync($"/api/shipments/{tn}/events", Ct)).Json()).EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToArray();
            var firstArrivals = received.Where(r => r.Subject == tn).Select(r => r.Id).Distinct().ToArray();
            Assert.Equal(11, recorded.Length);
            Assert.Equal(recorded, firstArrivals);
        }

        Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(0, (await Subscriptions.Get(carrier, id)).GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task AlwaysFailing_SeesTheWholeSchedule_ThenDeadLetteredAndRedriven()
    {
        await using var silo = await WebhookSilo.StartAsync();
        var carrier = silo.Client(RunningSilo.CarrierKey);
        var failing = true;
        await using var receiver = await LoopbackReceiver.StartAsync(silo.Clock, (_, context) =>
        {
            context.Response.StatusCode = failing ? 500 : 204;
            return Task.CompletedTask;
        });
        var tn = NewId("W500");
        // One event to retry: the scan's milestone would queue behind it and take its own attempts.
        var (id, _) = await Subscriptions.Create(carrier, new { url = receiver.Url, types = StatusChangesOnly, trackingNumbers = new[] { tn } });

        await Subscriptions.PostEvents(carrier, Scan(tn, "PickedUp"));

        for (var attempt = 1; attempt <= Schedule.Length + 1; attempt++)
        {
            var latest = (await Eventually.Until(
                () => Subscriptions.Deliveries(carrier, id), d => d.Length >= attempt, $"attempt {attempt}"))[0];
            Assert.Equal(attempt, latest.GetProperty("attempt").GetInt32());
            Assert.Equal(500, latest.GetProperty("statusCode").GetInt32());
            if (attempt <= Schedule.Length)
            {
                AdvanceTo(silo, latest.GetProperty("nextAttemptAt").GetDateTimeOffset());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, latest.GetProperty("nextAttemptAt").ValueKind);
            }
        }

        var attempts = receiver.Posts;
        Assert.Equal(Schedule.Length + 1, attempts.Count);
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        for (var i = 0; i < Schedule.Length; i++)
        {
            var gap = attempts[i + 1].At - attempts[i].At;
            Assert.InRange(gap, Schedule[i] * 0.9, (Schedule[i] * 1.1) + TimeSpan.FromSeconds(1));
        }

        var letter = Assert.Single(await Eventually.Until(() => Subscriptions.DeadLetters(carrier, id), d => d.Length == 1, "the dead letter"));
        Assert.Equal(attempts[0].Id, letter.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal(Schedule.Length + 1, letter.GetProperty("attempts").GetInt32());
        Assert.Equal(0, (await Subscriptions.Get(carrier, id)).GetProperty("pending").GetInt32());

        failing = false;
        var redrive = await carrier.PostAsync($"/api/subscriptions/{id}/dead-letters/redrive", null, Ct);
        Assert.Equal(HttpStatusCode.OK, redrive.StatusCode);
        Assert.Equal(1, (await redrive.Json()).GetProperty("redriven").GetInt32());

        var delivered = await Eventually.Until(
            () => Subscriptions.Deliveries(carrier, id), d => d[0].GetProperty("delivered").GetBoolean(), "the re-driven delivery");
        Assert.Equal(attempts[0].Id, delivered[0].GetProperty("eventId").GetString());
        Assert.Equal(1, delivered[0].GetProperty("attempt").GetInt32());
        Assert.Equal(Schedule.Length + 2, receiver.Posts.Count);
        Assert.Empty(await Subscriptions.DeadLetters(carrier, id));
    }

    [Fact]
    public async Task TooManyRequests_WaitsForRetryAfter()
    {
        await using var silo = await WebhookSilo.StartAsync();
        var carrier = silo.Client(RunningSilo.CarrierKey);
        await using var receiver = await LoopbackReceiver.StartAsync(silo.Clock, (received, context) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        var tn = NewId("W429");
        var (id, _) = await Subscriptions.Create(carrier, new { url = receiver.Url, types = StatusChangesOnly, trackingNumbers = new[] { tn } });

        await Subscriptions.PostEvents(carrier, Scan(tn, "PickedUp"));

        var refused = (await Eventually.Until(() => Subscriptions.Deliveries(carrier, id), d => d.Length >= 1, "the refused attempt"))[0];
        Assert.Equal(429, refused.GetProperty("statusCode").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(120), refused.GetProperty("nextAttemptAt").GetDateTimeOffset() - refused.GetProperty("at").GetDateTimeOffset());

        receiver.Respond = null;
        AdvanceTo(silo, refused.GetProperty("nextAttemptAt").GetDateTimeOffset());

        var delivered = await Eventually.Until(() => Subscriptions.Deliveries(carrier, id), d => d[0].GetProperty("delivered").GetBoolean(), "the retry");
        Assert.Equal(2, delivered[0].GetProperty("attempt").GetInt32());
        var posts = receiver.Posts;
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task NoSuccessForDisableAfter_Disabled_EnableResumes()
    {
        await using var silo = await WebhookSilo.StartAsync("--SupplyChain:Webhooks:DisableAfter=00:01:00");
        var carrier = silo.Client(RunningSilo.CarrierKey);
        await using var receiver = await LoopbackReceiver.StartAsync(silo.Clock, (_, context) =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var tn = NewId("WDIS");
        var (id, _) = await Subscriptions.Create(carrier, new { url = receiver.Url, trackingNumbers = new[] { tn } });

        await Subscriptions.PostEvents(carrier, Scan(tn, "PickedUp", Now.AddMinutes(-10)));

        // 0 s, ~5 s, ~35 s, ~155 s: the fourth failure is past the minute allowed.
        var subscription = default(JsonElement);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var latest = (await Eventually.Until(() => Subscriptions.Deliveries(carrier, id), d => d.Length >= attempt, $"attempt {attempt}"))[0];
            subscription = await Subscriptions.Get(carrier, id);
            if (attempt < 4)
            {
                Assert.True(subscription.GetProperty("enabled").GetBoolean());
                AdvanceTo(silo, latest.GetProperty("nextAttemptAt").GetDateTimeOffset());
            }
        }

        subscription = await Eventually.Until(() => Subscriptions.Get(carrier, id), s => !s.GetProperty("enabled").GetBoolean(), "the subscription disabled");
        Assert.Contains("No successful delivery", subscription.GetProperty("disabledReason").GetString(), StringComparison.Ordinal);
        // The scan's milestone, failing, and its status change behind it.
        Assert.Equal(2, subscription.GetProperty("pending").GetInt32());

        receiver.Respond = null;
        var enabled = await carrier.PostAsync($"/api/subscriptions/{id}/enable", null, Ct);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.True((await enabled.Json()).GetProperty("enabled").GetBoolean());
        await Eventually.Until(() => Subscriptions.Deliveries(carrier, id), d => d[0].GetProperty("delivered").GetBoolean(), "the queued event delivered once enabled");
        await Subscriptions.PostEvents(carrier, Scan(tn, "Delivered", Now.AddMinutes(-5)));
        await Eventually.Until(() => Task.FromResult(receiver.Posts.Select(p => p.Type).ToArray()), p => p.Contains("SupplyChain.Delivered"), "new events after re-enabling");
    }

    /// <summary>Moves the webhook clock to just past <paramref name="due"/> (never back).</summary>
    private static void AdvanceTo(WebhookSilo silo, DateTimeOffset due)
    {
        var step = due - silo.Clock.GetUtcNow() + TimeSpan.FromMilliseconds(1);
        if (step > TimeSpan.Zero)
        {
            silo.Clock.Advance(step);
        }
    }
}
