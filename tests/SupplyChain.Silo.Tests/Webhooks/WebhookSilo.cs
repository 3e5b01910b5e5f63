using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupplyChain.Grains.Webhooks;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary>
/// The real silo in Development, as <see cref="RunningSilo"/> starts it, whose webhook delivery runs
/// on a <see cref="FakeTimeProvider"/>: a test moves delivery time (retry waits, disabling) with
/// <see cref="Clock"/> while the rest of the silo keeps real time.
/// </summary>
public sealed class WebhookSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookSilo(WebApplication app, Uri address, FakeTimeProvider clock)
    {
        _app = app;
        Address = address;
        Clock = clock;
    }

    public Uri Address { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<WebhookSilo> StartAsync(params string[] extraArgs)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string[] args =
        [
            "--environment=Development",
            "--urls=http://127.0.0.1:0",
            $"--SupplyChain:Cluster:SiloPort={FreePorts.Next()}",
            $"--SupplyChain:Cluster:GatewayPort={FreePorts.Next()}",
            $"--SupplyChain:Cluster:ClusterId=test-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = SiloApplication.Build(args, builder => builder.Services.AddSingleton(new WebhookClock(clock)));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookSilo(app, new Uri(address), clock);
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
