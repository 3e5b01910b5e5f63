namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding <c>SupplyChain.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>An absolute path from a repository-relative one.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupplyChain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SupplyChain.sln above {AppContext.BaseDirectory}.");
    }
}
