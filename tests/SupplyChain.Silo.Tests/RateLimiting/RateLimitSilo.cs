using System.Globalization;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.RateLimiting;

/// <summary>
/// A silo of its own with the default limits for callers without a key (the shared silo raises them)
/// and two small carrier keys of known limits: one for requests, one for events.
/// </summary>
public sealed class RateLimitSilo : IAsyncLifetime
{
    public const string RequestsKey = "requests-test-key";
    public const int RequestBurst = 40;
    public const string EventsKey = "events-test-key";
    public const int EventBurst = 1000;

    /// <summary>The one client address whose <c>X-Forwarded-For</c> the silo believes.</summary>
    public const string TrustedProxy = "127.0.0.8";

    /// <summary>Lower than the default so that a test reaches it with a few dozen connections.</summary>
    public const int LiveConnectionsPerShipment = 25;

    private LoopbackSilo? _silo;

    public LoopbackSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async ValueTask InitializeAsync() => _silo = await RunningSilo.StartAsync(
        "Development",
        [
            Setting("AnonymousRequestsPerSecond", RateLimitOptions.DefaultAnonymousRequestsPerSecond),
            Setting("AnonymousRequestBurst", RateLimitOptions.DefaultAnonymousRequestBurst),
            Setting("LiveConnectionsPerAddress", RateLimitOptions.DefaultLiveConnectionsPerAddress),
            Setting("LiveConnectionsPerShipment", LiveConnectionsPerShipment),
            $"--SupplyChain:RateLimits:TrustedProxies:0={TrustedProxy}",
            .. Key(3, RequestsKey, "Requests test carrier"),
            .. Key(4, EventsKey, "Events test carrier"),
            // One request or event a second: nothing worth counting refills while a test runs. Entries 0 and 1
            // are the development keys' (appsettings.Development.json).
            "--SupplyChain:RateLimits:Keys:2:Name=Requests test carrier",
            "--SupplyChain:RateLimits:Keys:2:RequestsPerSecond=1",
            $"--SupplyChain:RateLimits:Keys:2:RequestBurst={RequestBurst}",
            "--SupplyChain:RateLimits:Keys:3:Name=Events test carrier",
            "--SupplyChain:RateLimits:Keys:3:EventsPerSecond=1",
            $"--SupplyChain:RateLimits:Keys:3:EventBurst={EventBurst}",
        ]);

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    private static string Setting(string name, int value) =>
        $"--SupplyChain:RateLimits:{name}={value.ToString(CultureInfo.InvariantCulture)}";

    private static string[] Key(int index, string key, string name) =>
    [
        $"--SupplyChain:Auth:ApiKeys:{index}:Name={name}",
        $"--SupplyChain:Auth:ApiKeys:{index}:Key={key}",
        $"--SupplyChain:Auth:ApiKeys:{index}:Role=carrier",
        $"--SupplyChain:Auth:ApiKeys:{index}:Sources:0={RunningSilo.AcmeSourcePrefix}",
    ];
}
