using Microsoft.AspNetCore.Builder;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Durable.Tests.Infrastructure;

/// <summary>The real silo application built in this process in Durable mode, for tests that need its services rather than its HTTP API.</summary>
public static class InProcessSilo
{
    public static WebApplication Build(string? connectionString, string clusterId, params string[] extra) =>
        Build(connectionString, clusterId, configure: null, extra);

    /// <summary>Builds a silo, letting <paramref name="configure"/> change the builder last (e.g. add a test span exporter).</summary>
    public static WebApplication Build(string? connectionString, string clusterId, Action<WebApplicationBuilder>? configure, params string[] extra)
    {
        string[] args =
        [
            "--environment=Development",
            "--urls=http://127.0.0.1:0",
            "--SupplyChain:Cluster:Mode=Durable",
            "--SupplyChain:Cluster:AdvertisedAddress=127.0.0.1",
            $"--SupplyChain:Cluster:SiloPort={FreePorts.Next()}",
            $"--SupplyChain:Cluster:GatewayPort={FreePorts.Next()}",
            $"--SupplyChain:Cluster:ClusterId={clusterId}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans=Error",
            "--Logging:LogLevel:Polly=Error",
            // All of a test's clients without a key come from 127.0.0.1, which stands for many customers here.
            "--SupplyChain:RateLimits:AnonymousRequestsPerSecond=100000",
            "--SupplyChain:RateLimits:AnonymousRequestBurst=100000",
            .. connectionString is null ? Array.Empty<string>() : [$"--ConnectionStrings:AzureStorage={connectionString}"],
            .. extra,
        ];
        return SiloApplication.Build(args, configure);
    }
}
