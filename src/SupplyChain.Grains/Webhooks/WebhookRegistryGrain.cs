using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Persistence;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// Holds every subscription's entry (no secrets) and versions each change. Read by each silo's
/// <see cref="WebhookRouter"/> when the version moves, never per event. A change storage refused
/// is not served: the registry is let go and read again (<see cref="FailedCallDeactivation"/>).
/// </summary>
internal sealed class WebhookRegistryGrain(
    [PersistentState("webhooks", StorageNames.State)] IPersistentState<WebhookRegistryState> state) : Grain, IWebhookRegistryGrain, IIncomingGrainCallFilter
{
    /// <inheritdoc cref="FailedCallDeactivation"/>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) => FailedCallDeactivation.Invoke(context);

    public async Task Put(SubscriptionEntry entry)
    {
        if (state.State.Entries.TryGetValue(entry.Id, out var existing) && existing == entry)
        {
            return;
        }

        state.State.Entries[entry.Id] = entry;
        state.State.Version++;
        await state.WriteStateAsync();
    }

    public async Task<bool> Remove(string id)
    {
        if (!state.State.Entries.Remove(id))
        {
            return false;
        }

        state.State.Version++;
        await state.WriteStateAsync();
        return true;
    }

    public Task<long> GetVersion() => Task.FromResult(state.State.Version);

    public Task<SubscriptionSet> GetAll() => Task.FromResult(new SubscriptionSet(
        state.State.Version, [.. state.State.Entries.Values.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal)]));
}

/// <summary>The registry's stored state.</summary>
[GenerateSerializer, Alias("sc.WebhookRegistryState")]
internal sealed class WebhookRegistryState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public Dictionary<string, SubscriptionEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
