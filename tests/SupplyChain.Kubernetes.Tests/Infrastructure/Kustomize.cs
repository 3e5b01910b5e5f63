using System.Collections.Concurrent;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>Renders the repository's kustomizations with <c>kubectl kustomize</c> (offline, no cluster).</summary>
public static class Kustomize
{
    /// <summary>Where the machine image puts kubectl (client 1.32, kustomize v5).</summary>
    public const string Kubectl = "/usr/bin/kubectl";

    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedManifests>>> Rendered = new();

    /// <summary>Every folder under <c>k8s/</c> with a <c>kustomization.yaml</c>, repository-relative.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("k8s"), "kustomization.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repository.Root, Path.GetDirectoryName(file)!));
        }

        return data;
    }

    /// <summary>The rendered objects of <paramref name="kustomization"/>, rendered once per test run.</summary>
    public static Task<RenderedManifests> RenderAsync(string kustomization) =>
        Rendered.GetOrAdd(kustomization, k => new Lazy<Task<RenderedManifests>>(() => RenderOnceAsync(k))).Value;

    private static async Task<RenderedManifests> RenderOnceAsync(string kustomization)
    {
        Assert.True(File.Exists(Kubectl), $"{Kubectl} is missing: the manifests are rendered with `kubectl kustomize` (kubectl 1.32 carries kustomize v5).");
        var run = await ProcessRun.RunAsync(Kubectl, ["kustomize", kustomization], Repository.Root, TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, $"kubectl kustomize {kustomization} failed ({run.ExitCode}):\n{run.Error}");
        return RenderedManifests.Load(kustomization, run.Output);
    }
}
