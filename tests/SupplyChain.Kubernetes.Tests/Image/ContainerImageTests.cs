using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Image;

/// <summary>
/// The image cannot be built here (no base image can be pulled), so these check what can be:
/// the SDK's own container configuration of the silo, a publish, and the Dockerfile's inputs.
/// </summary>
public sealed partial class ContainerImageTests
{
    private const string SiloProject = "src/SupplyChain.Silo/SupplyChain.Silo.csproj";
    private static readonly TimeSpan DotnetTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ContainerConfig_AsTheSdkComputesIt_MatchesTheManifests()
    {
        // The SDK target PublishContainer runs before building the image: no pull, no Docker.
        var run = await ProcessRun.RunAsync("dotnet",
        [
            "msbuild", SiloProject, "-restore", "-t:ComputeContainerConfig", "-p:Configuration=Release", "-nologo",
            "-getProperty:ContainerRepository", "-getProperty:ContainerUser", "-getProperty:ContainerBaseImage",
            "-getItem:ContainerPort", "-getItem:ContainerAppCommand",
        ], Repository.Root, DotnetTimeout);
        Assert.True(run.ExitCode == 0, $"ComputeContainerConfig failed:\n{run.Output}\n{run.Error}");
        using var result = JsonDocument.Parse(run.Output);
        var properties = result.RootElement.GetProperty("Properties");
        var items = result.RootElement.GetProperty("Items");
        var manifests = await Kustomize.RenderAsync("k8s/base");

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", properties.GetProperty("ContainerBaseImage").GetString());
        Assert.Equal(manifests.Silo.Image.Split(':')[0], properties.GetProperty("ContainerRepository").GetString());
        var user = properties.GetProperty("ContainerUser").GetString();
        Assert.Equal(manifests.SiloDeployment.Spec.Template.Spec.SecurityContext.RunAsUser?.ToString(CultureInfo.InvariantCulture), user);
        var ports = items.GetProperty("ContainerPort").EnumerateArray().Select(p => (int.Parse(p.GetProperty("Identity").GetString()!, CultureInfo.InvariantCulture), p.GetProperty("Type").GetString())).Order();
        Assert.Equal(manifests.Silo.Ports.Select(p => (p.ContainerPort, (string?)"tcp")).Order(), ports);
        Assert.EndsWith("/SupplyChain.Silo.dll", items.GetProperty("ContainerAppCommand").EnumerateArray().Last().GetProperty("Identity").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_OfTheSilo_HasWhatTheImageRuns()
    {
        // The silo is already built in the configuration these tests were built in; publish lays it out.
        var configuration = typeof(ContainerImageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var output = Directory.CreateTempSubdirectory("supplychain-publish-");
        try
        {
            var run = await ProcessRun.RunAsync("dotnet", ["publish", SiloProject, "--no-build", "-c", configuration, "-o", output.FullName, "-nologo"], Repository.Root, DotnetTimeout);
            Assert.True(run.ExitCode == 0, $"dotnet publish failed:\n{run.Output}\n{run.Error}");

            Assert.True(File.Exists(Path.Combine(output.FullName, "SupplyChain.Silo.dll")));
            Assert.True(File.Exists(Path.Combine(output.FullName, "appsettings.json")));
            Assert.True(File.Exists(Path.Combine(output.FullName, "Orleans.Hosting.Kubernetes.dll")));
            using var runtimeConfig = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "SupplyChain.Silo.runtimeconfig.json"), TestContext.Current.CancellationToken));
            Assert.True(runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.Server").GetBoolean());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void Dockerfile_RestoresEveryProjectTheSiloNeeds_AndPublishesTheSilo()
    {
        var dockerfile = File.ReadAllText(Repository.PathOf("Dockerfile"));
        var copied = CopySource().Matches(dockerfile).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        foreach (var project in ProjectClosure(SiloProject))
        {
            Assert.Contains(project, copied);
        }

        foreach (var root in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", "src/SupplyChain.Silo/ClientApp/ClientApp.targets" })
        {
            Assert.True(copied.Contains(root) || dockerfile.Contains($" {root} ", StringComparison.Ordinal), $"The Dockerfile does not copy {root} before restoring.");
        }

        Assert.Contains($"dotnet publish {SiloProject}", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER 1654$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0", dockerfile);
    }

    /// <summary>The project and every project it references, transitively, repository-relative.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Repository.PathOf(next))!;
            foreach (var reference in XDocument.Load(Repository.PathOf(next)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"(?m)^COPY (?!--from)(\S+) ")]
    private static partial Regex CopySource();
}
