using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Tests.Infrastructure;

/// <summary>
/// The real silo application (Orleans, Kestrel, the API) on loopback with free ports, in
/// Development with its two dev keys plus a carrier key limited to <see cref="AcmeSourcePrefix"/>.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    public const string CarrierKey = "dev-carrier";
    public const string AdminKey = "dev-admin";
    public const string AcmeKey = "acme-test-key";
    public const string AcmeSourcePrefix = "/carriers/acme/";

    private RunningSilo(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public static Task<RunningSilo> StartAsync(string environment = "Development", params string[] extraArgs) =>
        StartAsync(environment, configure: null, extraArgs);

    /// <summary>Starts a silo, letting <paramref name="configure"/> change the builder last (e.g. add a test exporter).</summary>
    public static async Task<RunningSilo> StartAsync(string environment, Action<WebApplicationBuilder>? configure, params string[] extraArgs)
    {
        string[] args =
        [
            $"--environment={environment}",
            "--urls=http://127.0.0.1:0",
            $"--SupplyChain:Cluster:SiloPort={FreePorts.Next()}",
            $"--SupplyChain:Cluster:GatewayPort={FreePorts.Next()}",
            $"--SupplyChain:Cluster:ClusterId=test-{Guid.NewGuid():N}",
            "--SupplyChain:Auth:ApiKeys:2:Name=Acme test carrier",
            $"--SupplyChain:Auth:ApiKeys:2:Key={AcmeKey}",
            "--SupplyChain:Auth:ApiKeys:2:Role=carrier",
            $"--SupplyChain:Auth:ApiKeys:2:Sources:0={AcmeSourcePrefix}",
            "--Logging:LogLevel:Default=Warning",
            // Every test's client without a key comes from 127.0.0.1, where in real use each customer has an
            // address of its own: that one address stands for many. RateLimitTests set the defaults back.
            "--SupplyChain:RateLimits:AnonymousRequestsPerSecond=100000",
            "--SupplyChain:RateLimits:AnonymousRequestBurst=100000",
            "--SupplyChain:RateLimits:LiveConnectionsPerAddress=1000",
            .. extraArgs,
        ];
        var app = SiloApplication.Build(args, configure);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningSilo(app, new Uri(address));
    }

    /// <summary>A client for the silo, sending <paramref name="apiKey"/> when given.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
