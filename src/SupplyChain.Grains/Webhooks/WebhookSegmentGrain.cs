using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Webhooks;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// A segment of a subscription's backlog: a bounded list of events in its own grain state, written
/// on each append and deleted when the subscription has taken the events into its head.
/// </summary>
internal sealed class WebhookSegmentGrain(
    [PersistentState("webhookSegment", StorageNames.State)] IPersistentState<WebhookSegmentState> state) : Grain, IWebhookSegmentGrain
{
    public async Task Append(IReadOnlyList<OutboundEvent> events)
    {
        var before = state.State.Events.Count;
        state.State.Events.AddRange(events);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: the subscription's hand-off fails and is retried, so they must not stay here.
            state.State.Events.RemoveRange(before, events.Count);
            throw;
        }
    }

    public Task<IReadOnlyList<OutboundEvent>> Read() => Task.FromResult<IReadOnlyList<OutboundEvent>>([.. state.State.Events]);

    public Task<int> Count() => Task.FromResult(state.State.Events.Count);

    public async Task Clear()
    {
        await state.ClearStateAsync();
        state.State = new WebhookSegmentState();
        DeactivateOnIdle();
    }
}

/// <summary>A backlog segment's stored events, oldest first.</summary>
[GenerateSerializer, Alias("sc.WebhookSegmentState")]
internal sealed class WebhookSegmentState
{
    [Id(0)] public List<OutboundEvent> Events { get; set; } = [];
}
