using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SupplyChain.Testing;

/// <summary>
/// The real silo application started in this process on loopback: HTTP on a free port, its silo
/// and gateway ports free, a cluster of its own (embedded mode unless the arguments say otherwise),
/// logging warnings only.
/// </summary>
public sealed class LoopbackSilo : IAsyncDisposable
{
    private LoopbackSilo(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>
    /// Starts what <paramref name="build"/> (the silo's <c>SiloApplication.Build</c>, which this
    /// library does not reference) makes of the loopback arguments, in <paramref name="environment"/>,
    /// followed by <paramref name="extraArgs"/> (later arguments win).
    /// </summary>
    public static async Task<LoopbackSilo> StartAsync(Func<string[], WebApplication> build, string environment, params string[] extraArgs)
    {
        string[] args =
        [
            $"--environment={environment}",
            "--urls=http://127.0.0.1:0",
            $"--SupplyChain:Cluster:SiloPort={FreePorts.Next()}",
            $"--SupplyChain:Cluster:GatewayPort={FreePorts.Next()}",
            $"--SupplyChain:Cluster:ClusterId=test-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = build(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackSilo(app, new Uri(address));
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
