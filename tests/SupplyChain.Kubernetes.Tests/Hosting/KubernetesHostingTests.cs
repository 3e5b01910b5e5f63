using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using SupplyChain.Silo.Hosting;
using SiloKubernetes = SupplyChain.Silo.Hosting.KubernetesHostingExtensions;

namespace SupplyChain.Kubernetes.Tests.Hosting;

public sealed class KubernetesHostingTests
{
    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("10.96.0.1", null, null, false)]
    [InlineData(null, "silo-0", null, false)]
    [InlineData("10.96.0.1", "silo-0", null, true)]
    [InlineData("10.96.0.1", "silo-0", "false", false)]
    [InlineData(null, null, "true", true)]
    public void IsEnabled_ConfiguredOrDetectedFromThePod(string? serviceHost, string? podName, string? configured, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KUBERNETES_SERVICE_HOST"] = serviceHost,
            ["POD_NAME"] = podName,
            [SiloKubernetes.EnabledKey] = configured,
        }).Build();

        Assert.Equal(expected, SiloKubernetes.IsEnabled(configuration));
    }

    [Fact]
    public async Task Build_InAPod_AddsKubernetesHostingToTheOneSilo()
    {
        await using var app = SiloApplication.Build(["--environment=Development", $"--{SiloKubernetes.EnabledKey}=true"]);

        // Registered by the second UseOrleans call, on the silo the first one built. The options are
        // applied by hand: outside a pod their validation rightly refuses the missing POD_NAMESPACE.
        Assert.NotEmpty(app.Services.GetServices<IValidateOptions<KubernetesHostingOptions>>());
        var hosting = new KubernetesHostingOptions();
        foreach (var configure in app.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>())
        {
            configure.Configure(hosting);
        }

        Assert.True(hosting.DeleteDefunctSiloPods);
        Assert.Equal("supplychain", app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId);
    }

    [Fact]
    public async Task Build_OutsideAPod_NoKubernetesHosting()
    {
        await using var app = SiloApplication.Build(["--environment=Development"]);

        Assert.Empty(app.Services.GetServices<IValidateOptions<KubernetesHostingOptions>>());
        Assert.Empty(app.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>());
    }

    [Fact]
    public void Build_PodIdsDifferFromTheSilosIds_RefusedNamingBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SiloApplication.Build(
        [
            "--environment=Development",
            $"--{SiloKubernetes.EnabledKey}=true",
            $"--{SiloKubernetes.ServiceIdVariable}=another-service",
        ]));

        Assert.Contains("SupplyChain:Cluster:ServiceId", error.Message, StringComparison.Ordinal);
        Assert.Contains(SiloKubernetes.ServiceIdVariable, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ClusterId", error.Message, StringComparison.Ordinal);
    }
}
