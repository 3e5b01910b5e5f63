namespace SupplyChain.Contracts.Webhooks;

/// <summary>
/// The one list of webhook subscriptions (no secrets), keyed <see cref="Key"/>. Each change bumps
/// the version; every silo keeps a local routing index and refreshes it when the version moves, so
/// routing an event never calls this grain and it never sees an event.
/// </summary>
[Alias("sc.IWebhookRegistryGrain")]
public interface IWebhookRegistryGrain : IGrainWithStringKey
{
    /// <summary>The registry's grain key.</summary>
    public const string Key = "webhooks";

    /// <summary>Adds or replaces an entry.</summary>
    [Alias("Put")]
    Task Put(SubscriptionEntry entry);

    /// <summary>Removes an entry; false when there was none.</summary>
    [Alias("Remove")]
    Task<bool> Remove(string id);

    /// <summary>The current version (0 before the first change).</summary>
    [Alias("GetVersion")]
    Task<long> GetVersion();

    /// <summary>Every entry with the version they belong to.</summary>
    [Alias("GetAll")]
    Task<SubscriptionSet> GetAll();
}
