using System.Text;
using k8s;
using k8s.Models;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>
/// The objects of one rendered kustomization, each loaded into KubernetesClient's typed model
/// with strict mapping: an unknown kind, an unknown field or a value of the wrong type fails the load.
/// </summary>
public sealed class RenderedManifests
{
    /// <summary>The silo's Deployment, Service, ServiceAccount, Role and the rest share this name.</summary>
    public const string SiloName = "supplychain-silo";

    /// <summary>The silo's container in its pod.</summary>
    public const string SiloContainer = "silo";

    private RenderedManifests(string kustomization, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        Kustomization = kustomization;
        Objects = objects;
    }

    /// <summary>Repository-relative folder of the kustomization.</summary>
    public string Kustomization { get; }

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    /// <summary>Kinds outside the core schemas that an overlay may use.</summary>
    private static readonly Dictionary<string, Type> CustomKinds = new()
    {
        [$"{ServiceMonitor.ApiGroupVersion}/{nameof(ServiceMonitor)}"] = typeof(ServiceMonitor),
    };

    public static RenderedManifests Load(string kustomization, string yaml)
    {
        List<object> loaded;
        try
        {
            loaded = KubernetesYaml.LoadAllFromString(yaml, CustomKinds, strict: true);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or KeyNotFoundException)
        {
            throw new Xunit.Sdk.XunitException($"{kustomization} does not match the Kubernetes schemas: {Describe(ex)}");
        }

        return new RenderedManifests(kustomization, [.. loaded.Cast<IKubernetesObject<V1ObjectMeta>>()]);
    }

    /// <summary>The objects of type <typeparamref name="T"/>.</summary>
    public IEnumerable<T> OfKind<T>() => Objects.OfType<T>();

    /// <summary>The one object of type <typeparamref name="T"/> named <paramref name="name"/>; fails when absent.</summary>
    public T Named<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var found = Objects.OfType<T>().Where(o => o.Metadata.Name == name).ToList();
        Assert.True(found.Count == 1, $"{Kustomization}: expected one {typeof(T).Name} named {name}, found {found.Count}.");
        return found[0];
    }

    /// <summary>The config map or secret a workload names, if this render has it (generated names included).</summary>
    public T? Find<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == name);

    public V1Deployment SiloDeployment => Named<V1Deployment>(SiloName);

    public V1Container Silo => SiloDeployment.Spec.Template.Spec.Containers.Single(c => c.Name == SiloContainer);

    /// <summary>A YAML error's position and the innermost cause (YamlDotNet wraps the useful message).</summary>
    private static string Describe(Exception ex)
    {
        var text = new StringBuilder(ex.Message);
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(" -> ").Append(inner.Message);
        }

        return text.ToString();
    }
}
