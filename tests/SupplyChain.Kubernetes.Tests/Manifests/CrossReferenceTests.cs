using k8s.Models;
using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Manifests;

/// <summary>What the kubectl schemas cannot see: the objects point at each other correctly.</summary>
public sealed class CrossReferenceTests
{
    public static TheoryData<string> Kustomizations => Kustomize.All();

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Deployment_Selector_MatchesItsPods(string kustomization)
    {
        var deployment = (await Kustomize.RenderAsync(kustomization)).SiloDeployment;

        Assert.True(Selects(deployment.Spec.Selector, deployment.Spec.Template.Metadata.Labels));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Service_SelectsTheSiloPods_AndTargetsDeclaredPorts(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var service = manifests.Named<V1Service>(RenderedManifests.SiloName);
        var pod = manifests.SiloDeployment.Spec.Template;

        Assert.NotEmpty(service.Spec.Selector);
        Assert.True(service.Spec.Selector.All(pair => pod.Metadata.Labels.TryGetValue(pair.Key, out var value) && value == pair.Value));
        Assert.All(service.Spec.Ports, port => Assert.True(
            DeclaresPort(manifests.Silo, port.TargetPort),
            $"Service port {port.Name} targets {port.TargetPort?.Value}, which the silo container does not declare."));
        Assert.Contains(service.Spec.Ports, port => port.TargetPort?.Value == "http");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task DisruptionBudget_SelectsTheSiloPods(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var budget = manifests.Named<V1PodDisruptionBudget>(RenderedManifests.SiloName);

        Assert.True(Selects(budget.Spec.Selector, manifests.SiloDeployment.Spec.Template.Metadata.Labels));
        // Never all of them: at least one silo keeps the cluster and its state reachable.
        Assert.True(budget.Spec.MaxUnavailable?.Value is "1" || budget.Spec.MinAvailable is not null);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Autoscaler_ScalesTheSiloDeployment_FromAtLeastTwo(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var autoscaler = manifests.Named<V2HorizontalPodAutoscaler>(RenderedManifests.SiloName);
        var deployment = manifests.SiloDeployment;

        Assert.Equal(("apps/v1", "Deployment", deployment.Metadata.Name), (autoscaler.Spec.ScaleTargetRef.ApiVersion, autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
        Assert.True(autoscaler.Spec.MinReplicas >= 2);
        Assert.InRange(deployment.Spec.Replicas ?? 1, autoscaler.Spec.MinReplicas!.Value, autoscaler.Spec.MaxReplicas);
        // A CPU target needs a CPU request to be a percentage of.
        Assert.NotNull(manifests.Silo.Resources.Requests["cpu"]);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task RoleBinding_BindsTheSiloServiceAccount_ToTheRoleOrleansNeeds(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var deployment = manifests.SiloDeployment;
        var binding = manifests.Named<V1RoleBinding>(RenderedManifests.SiloName);
        var role = manifests.Named<V1Role>(binding.RoleRef.Name);
        var account = manifests.Named<V1ServiceAccount>(deployment.Spec.Template.Spec.ServiceAccountName);

        Assert.Equal(("rbac.authorization.k8s.io", "Role"), (binding.RoleRef.ApiGroup, binding.RoleRef.Kind));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", account.Metadata.Name), (subject.Kind, subject.Name));
        Assert.Equal(account.Metadata.NamespaceProperty, subject.NamespaceProperty);
        // The account does not mount its token by default; the silo pod asks for it (EgressPolicyTests checks both).
        Assert.True(deployment.Spec.Template.Spec.AutomountServiceAccountToken);

        // Orleans' Kubernetes hosting reads its pod, lists and watches the cluster's pods, and deletes defunct silos' pods.
        var pods = Assert.Single(role.Rules, r => r.ApiGroups.Contains("") && r.Resources.Contains("pods"));
        Assert.Equal(["delete", "get", "list", "watch"], pods.Verbs.Order(StringComparer.Ordinal));
        Assert.Single(role.Rules);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task NetworkPolicy_LetsInHttp_AndSiloPortsOnlyFromSilos(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var policy = manifests.Named<V1NetworkPolicy>(RenderedManifests.SiloName);
        var pod = manifests.SiloDeployment.Spec.Template;

        Assert.True(Selects(policy.Spec.PodSelector, pod.Metadata.Labels));
        Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
        Assert.All(policy.Spec.Ingress.SelectMany(rule => rule.Ports), port => Assert.True(DeclaresPort(manifests.Silo, port.Port), $"The policy opens {port.Port?.Value}, which the silo container does not declare."));

        var open = Assert.Single(policy.Spec.Ingress, rule => rule.FromProperty is null or { Count: 0 });
        Assert.Equal(["http"], open.Ports.Select(p => p.Port.Value));
        var silos = Assert.Single(policy.Spec.Ingress, rule => rule.FromProperty is { Count: > 0 });
        Assert.Equal(["gateway", "silo"], silos.Ports.Select(p => p.Port.Value).Order(StringComparer.Ordinal));
        var peer = Assert.Single(silos.FromProperty);
        Assert.Null(peer.NamespaceSelector);
        Assert.True(Selects(peer.PodSelector, pod.Metadata.Labels));
    }

    [Theory]
    [InlineData("k8s/overlays/local")]
    [InlineData("k8s/overlays/production")]
    public async Task Ingress_RoutesToTheSiloServiceHttpPort(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var ingress = Assert.Single(manifests.OfKind<V1Ingress>());
        var service = manifests.Named<V1Service>(RenderedManifests.SiloName);

        var backends = ingress.Spec.Rules.SelectMany(rule => rule.Http.Paths).Select(path => path.Backend.Service).ToList();
        Assert.NotEmpty(backends);
        Assert.All(backends, backend =>
        {
            Assert.Equal(service.Metadata.Name, backend.Name);
            Assert.Contains(service.Spec.Ports, port => port.Name == backend.Port.Name);
        });
    }

    [Fact]
    public async Task ProductionIngress_TerminatesTlsForItsHost()
    {
        var ingress = Assert.Single((await Kustomize.RenderAsync("k8s/overlays/production")).OfKind<V1Ingress>());

        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.False(string.IsNullOrEmpty(tls.SecretName));
        Assert.Equal(ingress.Spec.Rules.Select(r => r.Host), tls.Hosts);
    }

    [Fact]
    public async Task LocalOverlay_SiloStorage_IsTheAzuriteInTheCluster()
    {
        var manifests = await Kustomize.RenderAsync("k8s/overlays/local");
        var azurite = manifests.Named<V1Service>("azurite");
        var azuriteDeployment = manifests.Named<V1Deployment>("azurite");
        var env = SiloEnvironment.Of(manifests);

        Assert.True(Selects(azuriteDeployment.Spec.Selector, azuriteDeployment.Spec.Template.Metadata.Labels));
        Assert.True(azurite.Spec.Selector.All(pair => azuriteDeployment.Spec.Template.Metadata.Labels.TryGetValue(pair.Key, out var value) && value == pair.Value));
        var storage = env["ConnectionStrings__AzureStorage"];
        foreach (var port in azurite.Spec.Ports)
        {
            Assert.Contains($"http://{azurite.Metadata.Name}:{port.Port}/devstoreaccount1", storage, StringComparison.Ordinal);
            Assert.True(DeclaresPort(azuriteDeployment.Spec.Template.Spec.Containers.Single(), port.TargetPort));
        }

        Assert.Equal("AzureQueue", env["SupplyChain__Streams__Provider"]);
    }

    [Fact]
    public async Task ProductionOverlay_ConnectionStrings_FromTheOperatorsSecret()
    {
        var manifests = await Kustomize.RenderAsync("k8s/overlays/production");
        var env = manifests.Silo.Env.ToDictionary(e => e.Name);

        foreach (var name in new[] { "ConnectionStrings__AzureStorage", "ConnectionStrings__EventHubs" })
        {
            var secret = env[name].ValueFrom?.SecretKeyRef;
            Assert.NotNull(secret);
            Assert.Null(manifests.Find<V1Secret>(secret.Name));
        }

        Assert.Equal("EventHubs", SiloEnvironment.Of(manifests)["SupplyChain__Streams__Provider"]);
        Assert.True(manifests.SiloDeployment.Spec.Replicas > (await Kustomize.RenderAsync("k8s/base")).SiloDeployment.Spec.Replicas);
    }

    private static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels) =>
        selector.MatchExpressions is null or { Count: 0 }
        && selector.MatchLabels is { Count: > 0 }
        && selector.MatchLabels.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static bool DeclaresPort(V1Container container, IntOrString? port) =>
        port?.Value is { } value && container.Ports.Any(p => p.Name == value || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == value);
}
