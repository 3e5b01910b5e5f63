using System.Threading.Channels;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Live;

namespace SupplyChain.Silo.Live;

/// <summary>
/// One browser's live feed: registered as an observer with the grains it watches, renewed
/// before the registration expires, and removed when the browser goes. Events queue in a
/// bounded buffer that drops the oldest when the browser reads too slowly, so one stalled
/// connection never grows the silo's memory.
/// </summary>
internal sealed class LiveSubscription : ILiveFeedObserver, IAsyncDisposable
{
    /// <summary>Events buffered for a slow reader before the oldest are dropped.</summary>
    internal const int BufferSize = 1000;

    private readonly Channel<OutboundEvent> _events = Channel.CreateBounded<OutboundEvent>(
        new BoundedChannelOptions(BufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly IGrainFactory _grains;
    private readonly IReadOnlyList<ILiveFeedSource> _sources;
    private readonly CancellationTokenSource _stop = new();
    private ILiveFeedObserver? _reference;
    private Task _renewing = Task.CompletedTask;

    private LiveSubscription(IGrainFactory grains, IReadOnlyList<ILiveFeedSource> sources)
    {
        _grains = grains;
        _sources = sources;
    }

    public ChannelReader<OutboundEvent> Events => _events.Reader;

    public static async Task<LiveSubscription> StartAsync(IGrainFactory grains, IReadOnlyList<ILiveFeedSource> sources, TimeProvider time)
    {
        var subscription = new LiveSubscription(grains, sources);
        subscription._reference = grains.CreateObjectReference<ILiveFeedObserver>(subscription);
        await subscription.WatchAll();
        subscription._renewing = subscription.RenewAsync(time);
        return subscription;
    }

    public Task OnEvents(IReadOnlyList<OutboundEvent> events)
    {
        foreach (var e in events)
        {
            _events.Writer.TryWrite(e);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        if (_reference is not null)
        {
            await Task.WhenAll(_sources.Select(s => s.Unwatch(_reference)));
            _grains.DeleteObjectReference<ILiveFeedObserver>(_reference);
        }

        _stop.Dispose();
    }

    private Task WatchAll() => Task.WhenAll(_sources.Select(s => s.Watch(_reference!)));

    private async Task RenewAsync(TimeProvider time)
    {
        using var timer = new PeriodicTimer(LiveFeed.RenewEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await WatchAll();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The browser left; DisposeAsync unregisters.
        }
    }
}
