namespace SupplyChain.Durable.Tests.Infrastructure;

/// <summary>Where the repository's tools and the built silo are, found from the test assembly's own location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Azurite launcher that <c>npm ci</c> in <c>tools/azurite</c> installs.</summary>
    public static string Azurite => Path.Combine(Root, "tools", "azurite", "node_modules", ".bin", "azurite");

    /// <summary>The silo's build output of the same configuration as these tests (the project reference builds it).</summary>
    public static string SiloDirectory
    {
        get
        {
            // bin/{Configuration}/{tfm}/ of the test project.
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfm.Parent!.Name;
            return Path.Combine(Root, "src", "SupplyChain.Silo", "bin", configuration, tfm.Name);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupplyChain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SupplyChain.sln not found above " + AppContext.BaseDirectory);
    }
}
