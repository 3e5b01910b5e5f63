using Microsoft.AspNetCore.Builder;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Tests.Infrastructure;

/// <summary>
/// The silo application these tests start (<see cref="LoopbackSilo"/>): in Development with its two
/// dev keys plus a carrier key limited to <see cref="AcmeSourcePrefix"/>, and anonymous limits high
/// enough for every test's clients on one address.
/// </summary>
public static class RunningSilo
{
    public const string CarrierKey = "dev-carrier";
    public const string AdminKey = "dev-admin";
    public const string AcmeKey = "acme-test-key";
    public const string AcmeSourcePrefix = "/carriers/acme/";

    public static Task<LoopbackSilo> StartAsync(string environment = "Development", params string[] extraArgs) =>
        StartAsync(environment, configure: null, extraArgs);

    /// <summary>Starts a silo, letting <paramref name="configure"/> change the builder last (e.g. add a test exporter).</summary>
    public static Task<LoopbackSilo> StartAsync(string environment, Action<WebApplicationBuilder>? configure, params string[] extraArgs) =>
        LoopbackSilo.StartAsync(
            args => SiloApplication.Build(args, configure),
            environment,
            [
                "--SupplyChain:Auth:ApiKeys:2:Name=Acme test carrier",
                $"--SupplyChain:Auth:ApiKeys:2:Key={AcmeKey}",
                "--SupplyChain:Auth:ApiKeys:2:Role=carrier",
                $"--SupplyChain:Auth:ApiKeys:2:Sources:0={AcmeSourcePrefix}",
                // Every test's client without a key comes from 127.0.0.1, where in real use each customer has an
                // address of its own: that one address stands for many. RateLimitTests set the defaults back.
                "--SupplyChain:RateLimits:AnonymousRequestsPerSecond=100000",
                "--SupplyChain:RateLimits:AnonymousRequestBurst=100000",
                "--SupplyChain:RateLimits:LiveConnectionsPerAddress=1000",
                .. extraArgs,
            ]);
}
