namespace SupplyChain.Contracts.Live;

/// <summary>Timing the live feed's two ends agree on.</summary>
public static class LiveFeed
{
    /// <summary>A registration not renewed within this time is dropped.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    /// <summary>How often a subscriber renews its registration.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(45);
}
