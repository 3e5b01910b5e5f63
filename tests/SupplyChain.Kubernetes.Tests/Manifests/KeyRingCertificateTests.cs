using k8s.Models;
using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Manifests;

/// <summary>
/// The Data Protection key ring's certificate: production mounts it read-only from the operator's
/// Secret and points <c>SupplyChain:KeyRing:CertificatePath</c> at it; the local overlay runs without one.
/// </summary>
public sealed class KeyRingCertificateTests
{
    private const string SecretName = "supplychain-keyring";
    private const string Setting = "SupplyChain__KeyRing__CertificatePath";

    [Fact]
    public async Task Production_CertificateFromTheOperatorsSecret_MountedReadOnly_SettingPointsAtIt()
    {
        var manifests = await Kustomize.RenderAsync("k8s/overlays/production");
        var pod = manifests.SiloDeployment.Spec.Template.Spec;

        var volume = Assert.Single(pod.Volumes, v => v.Secret?.SecretName == SecretName);
        var mount = Assert.Single(manifests.Silo.VolumeMounts, m => m.Name == volume.Name);
        var path = SiloEnvironment.Of(manifests)[Setting];

        // The operator creates the Secret; the repository holds no certificate.
        Assert.Null(manifests.Find<V1Secret>(SecretName));
        Assert.NotEqual(true, volume.Secret.Optional);
        Assert.True(mount.ReadOnlyProperty);
        var item = Assert.Single(volume.Secret.Items);
        Assert.Equal("keyring.pfx", item.Key);
        Assert.Equal($"{mount.MountPath.TrimEnd('/')}/{item.Path}", path);
        // Owner and group read only: the silo's group (fsGroup) reads it, nobody writes it.
        Assert.Equal(Convert.ToInt32("440", 8), volume.Secret.DefaultMode);
        Assert.Equal(pod.SecurityContext.FsGroup, pod.SecurityContext.RunAsGroup);
    }

    [Theory]
    [InlineData("k8s/base")]
    [InlineData("k8s/overlays/local")]
    public async Task WithoutProduction_NoCertificate_NoMount(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);

        Assert.DoesNotContain(Setting, SiloEnvironment.Of(manifests).Keys);
        Assert.DoesNotContain(manifests.SiloDeployment.Spec.Template.Spec.Volumes ?? [], v => v.Secret?.SecretName == SecretName);
        Assert.Equal(["/tmp"], manifests.Silo.VolumeMounts.Select(m => m.MountPath));
    }
}
