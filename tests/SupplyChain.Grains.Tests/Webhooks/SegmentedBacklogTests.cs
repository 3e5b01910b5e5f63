using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Grains.Webhooks;
using TestEvents = SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>
/// A backlog many segments long (segments of 4 events) while the receiver fails: the subscription's
/// own stored state holds only the head and the segment range, the segments hold the rest, and once
/// the receiver answers every event arrives, first in order per subject, and the segments are gone.
/// </summary>
public sealed class SegmentedBacklogTests : IAsyncLifetime
{
    private const int SegmentSize = 4;
    private const int Subjects = 5;
    private const int EventsPerSubject = 8;
    private InProcessTestCluster _cluster = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseEmbeddedProfile();
            silo.Services.Configure<WebhookOptions>(o =>
            {
                o.AllowInsecureUrls = true;
                o.SegmentSize = SegmentSize;
                o.Jitter = 0;
                o.RetrySchedule = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(300), 40)];
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task BacklogOfManySegments_SubscriptionStateStaysSmall_AllDeliveredInOrderPerSubject()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = 503;
        var id = "sub_" + Guid.NewGuid().ToString("N");
        var subscription = _cluster.Client.GetGrain<ISubscriptionGrain>(id);
        await subscription.Create(new SubscriptionDefinition(receiver.Url.ToString(), [], [], [], null, new SubscriptionOwner("test", "admin")), new byte[32]);

        // Round after round, one event per subject per hand-off, so subjects interleave in the backlog.
        var sent = new List<OutboundEvent>();
        for (var n = 0; n < EventsPerSubject; n++)
        {
            var round = Enumerable.Range(0, Subjects).Select(s => TestEvents.StatusChanged($"S{s}", n)).ToList();
            sent.AddRange(round);
            await subscription.Enqueue(round);
        }

        await subscription.Enqueue(sent.Take(7).ToList());
        Assert.Equal(sent.Count, (await subscription.Get())!.Pending);

        var stored = await StoredSubscription(id);
        var range = stored.Backlog;
        Assert.InRange(stored.Queue.Count, 1, SegmentSize + (SegmentSize / 2));
        Assert.True(range.Next - range.First >= 6, $"segments {range.First}..{range.Next}");
        var inSegments = new List<string>();
        for (var n = range.First; n < range.Next; n++)
        {
            var segment = await StoredSegment(id, n);
            Assert.InRange(segment.Count, 1, SegmentSize);
            inSegments.AddRange(segment.Select(e => e.Id));
        }

        Assert.Equal(sent.Select(e => e.Id), stored.Queue.Select(q => q.Event.Id).Concat(inSegments));

        receiver.Answer = 204;
        var requests = await Eventually.Until(
            () => Task.FromResult(receiver.Posts),
            r => r.Where(x => x.Status == 204).Select(x => x.Id).Distinct().Count() == sent.Count,
            "every event delivered");
        var delivered = requests.Where(r => r.Status == 204).ToList();
        foreach (var subject in Enumerable.Range(0, Subjects).Select(s => $"S{s}"))
        {
            Assert.Equal(sent.Where(e => e.Subject == subject).Select(e => e.Id), delivered.Where(r => r.Subject == subject).Select(r => r.Id));
        }

        Assert.Equal(sent.Count, delivered.Count);
        await Eventually.Until(() => subscription.Get(), v => v!.Pending == 0, "the queue empty");
        var after = await Eventually.Until(() => StoredSubscription(id), s => s.Queue.Count == 0, "the empty head stored");
        Assert.Equal(after.Backlog.First, after.Backlog.Next);
        for (var n = range.First; n < range.Next; n++)
        {
            Assert.Empty(await StoredSegment(id, n));
        }
    }


    private IGrainStorage Storage => _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    private async Task<SubscriptionState> StoredSubscription(string id)
    {
        var state = new GrainState<SubscriptionState>();
        await Storage.ReadStateAsync("webhook", GrainId.Create("webhookdispatcher", id), state);
        return state.State ?? new SubscriptionState();
    }

    private async Task<List<OutboundEvent>> StoredSegment(string id, long number)
    {
        var state = new GrainState<WebhookSegmentState>();
        await Storage.ReadStateAsync("webhookSegment", GrainId.Create("webhooksegment", IWebhookSegmentGrain.KeyOf(id, number)), state);
        return state.State is { } segment ? segment.Events : [];
    }
}
