using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>The real silo application in its embedded mode on loopback, with free ports.</summary>
public sealed class LoopbackSilo : IAsyncDisposable
{
    private LoopbackSilo(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public static async Task<LoopbackSilo> StartAsync(params string[] extraArgs)
    {
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
        var app = SiloApplication.Build(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackSilo(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
