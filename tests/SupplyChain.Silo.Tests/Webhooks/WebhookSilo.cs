using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupplyChain.Grains.Webhooks;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary>
/// The real silo in Development on loopback whose webhook delivery runs on a
/// <see cref="FakeTimeProvider"/>: a test moves delivery time (retry waits, disabling) with
/// <see cref="Clock"/> while the rest of the silo keeps real time.
/// </summary>
public sealed class WebhookSilo : IAsyncDisposable
{
    private readonly LoopbackSilo _silo;

    private WebhookSilo(LoopbackSilo silo, FakeTimeProvider clock)
    {
        _silo = silo;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public static async Task<WebhookSilo> StartAsync(params string[] extraArgs)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var silo = await LoopbackSilo.StartAsync(
            args => SiloApplication.Build(args, builder => builder.Services.AddSingleton(new WebhookClock(clock))), "Development", extraArgs);
        return new WebhookSilo(silo, clock);
    }

    public HttpClient Client(string apiKey) => _silo.Client(apiKey);

    public ValueTask DisposeAsync() => _silo.DisposeAsync();
}
