using k8s.Models;
using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Manifests;

public sealed class SchemaTests
{
    public static TheoryData<string> Kustomizations => Kustomize.All();

    [Fact]
    public void Kustomizations_BaseAndEveryOverlay_Present()
    {
        Assert.Equal(["k8s/base", "k8s/overlays/local", "k8s/overlays/monitoring", "k8s/overlays/production"], Kustomize.All().Select(row => row.Data).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Render_EveryObject_LoadsStrictlyIntoItsKubernetesModel(string kustomization)
    {
        // Strict loading throws on an unknown kind, field or mistyped value (RenderedManifests.Load).
        var manifests = await Kustomize.RenderAsync(kustomization);

        Assert.NotEmpty(manifests.Objects);
        Assert.All(manifests.Objects, o => Assert.False(string.IsNullOrEmpty(o.Metadata?.Name), $"{o.Kind} without a name"));
        var duplicates = manifests.Objects.GroupBy(o => (o.ApiVersion, o.Kind, o.Metadata.Name, o.Metadata.NamespaceProperty)).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Render_SiloObjects_AllPresent(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);

        const string name = RenderedManifests.SiloName;
        manifests.Named<V1Deployment>(name);
        manifests.Named<V1ServiceAccount>(name);
        manifests.Named<V1Role>(name);
        manifests.Named<V1RoleBinding>(name);
        manifests.Named<V1Service>(name);
        manifests.Named<V1PodDisruptionBudget>(name);
        manifests.Named<V2HorizontalPodAutoscaler>(name);
        manifests.Named<V1NetworkPolicy>(name);
    }

    [Theory]
    [InlineData("k8s/base")]
    [InlineData("k8s/overlays/production")]
    public async Task Render_OutsideTheLocalOverlay_NoSecretValues(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);

        Assert.Empty(manifests.OfKind<V1Secret>());
    }

    [Theory]
    [InlineData("k8s/overlays/local")]
    [InlineData("k8s/overlays/production")]
    public async Task Render_Overlays_EveryNamespacedObjectInOneNamespace(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);

        var namespaces = manifests.Objects.Where(o => o is not V1Namespace).Select(o => o.Metadata.NamespaceProperty).Distinct().ToList();
        Assert.Single(namespaces);
        Assert.False(string.IsNullOrEmpty(namespaces[0]));
    }
}
