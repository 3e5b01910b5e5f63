namespace SupplyChain.Silo.Tests.Pages;

/// <summary>The pages' silo with the event rate limits out of the way: a test posts 100,000 pings at once.</summary>
public sealed class LargeFleetPagesFixture : PagesFixture
{
    protected override string[] SiloArgs =>
    [
        "--SupplyChain:RateLimits:EventsPerSecond=10000000",
        "--SupplyChain:RateLimits:EventBurst=10000000",
    ];
}
