using System.Diagnostics;
using System.Text;
using k8s;
using k8s.Models;

namespace SupplyChain.Pods;

/// <summary>
/// One render of a kustomization by <c>kubectl kustomize</c> (offline, no cluster), loaded strictly
/// into KubernetesClient's typed models: the silo Deployment, its container, and the ConfigMaps,
/// Secrets and Services it refers to.
/// </summary>
internal sealed class LocalOverlay
{
    /// <summary>The overlay the pods on loopback run, repository-relative.</summary>
    public const string Path = "k8s/overlays/local";

    /// <summary>The silo's Deployment and Service share this name.</summary>
    public const string SiloName = "supplychain-silo";

    /// <summary>The silo's container in its pod.</summary>
    public const string SiloContainer = "silo";

    /// <summary>Where the machine image puts kubectl (client 1.32, kustomize v5).</summary>
    private const string Kubectl = "/usr/bin/kubectl";

    private readonly IReadOnlyList<object> _objects;

    private LocalOverlay(IReadOnlyList<object> objects) => _objects = objects;

    public V1Deployment SiloDeployment => Named<V1Deployment>(SiloName);

    public V1Container Silo => SiloDeployment.Spec.Template.Spec.Containers.Single(c => c.Name == SiloContainer);

    /// <summary>Renders <paramref name="kustomization"/> under <paramref name="repositoryRoot"/>.</summary>
    public static async Task<LocalOverlay> RenderAsync(string repositoryRoot, string kustomization = Path)
    {
        var start = new ProcessStartInfo(Kubectl) { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(kustomization);
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException($"{Kubectl} did not start.");
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var error = kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        if (kubectl.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {kustomization} failed ({kubectl.ExitCode}): {await error}");
        }

        return new LocalOverlay(KubernetesYaml.LoadAllFromString(await output, typeMap: null, strict: true));
    }

    /// <summary>The one object of type <typeparamref name="T"/> named <paramref name="name"/>, or null.</summary>
    public T? Find<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        _objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == name);

    public T Named<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Find<T>(name) ?? throw new InvalidOperationException($"{Path} renders no {typeof(T).Name} named {name}.");

    /// <summary>Every Service of the render.</summary>
    public IEnumerable<V1Service> Services => _objects.OfType<V1Service>();

    /// <summary>A Secret's values, decoded as the kubelet hands them to a container.</summary>
    public static Dictionary<string, string> SecretData(V1Secret secret)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, bytes) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            data[key] = Encoding.UTF8.GetString(bytes);
        }

        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        return data;
    }
}
