using k8s.Models;
using Orleans.Hosting.Kubernetes;
using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Manifests;

/// <summary>The silo's pod as ops review it: identity, ports, probes, resources, hardening, shutdown.</summary>
public sealed class SiloPodTests
{
    public static TheoryData<string> Kustomizations => Kustomize.All();

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pod_Identity_FromTheDownwardApi(string kustomization)
    {
        var env = (await Kustomize.RenderAsync(kustomization)).Silo.Env.ToDictionary(e => e.Name, e => e.ValueFrom?.FieldRef?.FieldPath);

        Assert.Equal("metadata.name", env[KubernetesHostingOptions.PodNameEnvironmentVariable]);
        Assert.Equal("metadata.namespace", env[KubernetesHostingOptions.PodNamespaceEnvironmentVariable]);
        Assert.Equal("status.podIP", env[KubernetesHostingOptions.PodIPEnvironmentVariable]);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pod_ServiceAndClusterIds_AllFromTheOrleansLabels(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var labels = manifests.SiloDeployment.Spec.Template.Metadata.Labels;
        var env = manifests.Silo.Env.ToDictionary(e => e.Name, e => e.ValueFrom?.FieldRef?.FieldPath);

        // Orleans' hosting, the pod watch (by label) and the silo's storage names must all agree.
        Assert.False(string.IsNullOrEmpty(labels[KubernetesHostingOptions.ServiceIdLabel]));
        Assert.False(string.IsNullOrEmpty(labels[KubernetesHostingOptions.ClusterIdLabel]));
        var serviceIdLabel = $"metadata.labels['{KubernetesHostingOptions.ServiceIdLabel}']";
        var clusterIdLabel = $"metadata.labels['{KubernetesHostingOptions.ClusterIdLabel}']";
        Assert.Equal(serviceIdLabel, env[KubernetesHostingOptions.ServiceIdEnvironmentVariable]);
        Assert.Equal(clusterIdLabel, env[KubernetesHostingOptions.ClusterIdEnvironmentVariable]);
        Assert.Equal(serviceIdLabel, env["SupplyChain__Cluster__ServiceId"]);
        Assert.Equal(clusterIdLabel, env["SupplyChain__Cluster__ClusterId"]);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pod_Ports_NamedAndMatchingTheSiloSettings(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var ports = manifests.Silo.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);
        var env = SiloEnvironment.Of(manifests);

        Assert.Equal(new Dictionary<string, int> { ["http"] = 8080, ["silo"] = 11111, ["gateway"] = 30000 }, ports);
        Assert.Equal("8080", env["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("11111", env["SupplyChain__Cluster__SiloPort"]);
        Assert.Equal("30000", env["SupplyChain__Cluster__GatewayPort"]);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pod_Probes_OnTheHealthEndpointsOverHttp(string kustomization)
    {
        var silo = (await Kustomize.RenderAsync(kustomization)).Silo;

        Assert.Equal(("/health/live", "http"), (silo.StartupProbe.HttpGet.Path, silo.StartupProbe.HttpGet.Port.Value));
        Assert.Equal(("/health/live", "http"), (silo.LivenessProbe.HttpGet.Path, silo.LivenessProbe.HttpGet.Port.Value));
        Assert.Equal(("/health/ready", "http"), (silo.ReadinessProbe.HttpGet.Path, silo.ReadinessProbe.HttpGet.Port.Value));
        // Liveness restarts a silo; it must not fire before a slow start is over.
        Assert.True(silo.StartupProbe.PeriodSeconds * silo.StartupProbe.FailureThreshold >= 60);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pod_Resources_RequestsAndLimits(string kustomization)
    {
        var resources = (await Kustomize.RenderAsync(kustomization)).Silo.Resources;

        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(resources.Requests.ContainsKey(resource), $"no {resource} request");
            Assert.True(resources.Limits.ContainsKey(resource), $"no {resource} limit");
            Assert.True(resources.Requests[resource].ToDecimal() <= resources.Limits[resource].ToDecimal(), $"{resource} request above its limit");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pod_Hardened_NonRootReadOnlyNoEscalationNoCapabilities(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var pod = manifests.SiloDeployment.Spec.Template.Spec;
        var container = manifests.Silo.SecurityContext;

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.True(pod.SecurityContext.RunAsUser > 0);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.NotEqual(true, container.Privileged);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Null(container.Capabilities.Add);
        // The runtime's diagnostics socket and temp files need a writable /tmp.
        var tmp = Assert.Single(manifests.Silo.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pod_GracePeriod_CoversThePreStopPauseAndTheHostsShutdown(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var pod = manifests.SiloDeployment.Spec.Template.Spec;
        var env = SiloEnvironment.Of(manifests);

        var preStop = manifests.Silo.Lifecycle.PreStop.Sleep.Seconds;
        var shutdown = long.Parse(env["shutdownTimeoutSeconds"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(preStop, 1, 30);
        Assert.True(pod.TerminationGracePeriodSeconds >= preStop + shutdown + 5,
            $"terminationGracePeriodSeconds {pod.TerminationGracePeriodSeconds} leaves no margin after preStop {preStop} s and shutdown {shutdown} s.");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Rollout_OneNewSiloBeforeAnOldOneLeaves(string kustomization)
    {
        var strategy = (await Kustomize.RenderAsync(kustomization)).SiloDeployment.Spec.Strategy;

        Assert.Equal("RollingUpdate", strategy.Type);
        Assert.Equal("0", strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", strategy.RollingUpdate.MaxSurge.Value);
    }
}
