namespace SupplyChain.Pods;

/// <summary>Finds the repository and the built silo from wherever the tool runs.</summary>
internal static class RepositoryRoot
{
    /// <summary>The folder holding <c>SupplyChain.sln</c>, above the working directory or the tool's binaries.</summary>
    public static string Find()
    {
        foreach (var start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SupplyChain.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SupplyChain.sln not found above the working directory.");
    }

    private static readonly string[] Configurations = ["Release", "Debug"];

    /// <summary>The most recently built silo (Release or Debug).</summary>
    public static string BuiltSilo(string root) =>
        Configurations
            .Select(c => Path.Combine(root, "src", "SupplyChain.Silo", "bin", c, "net10.0", "SupplyChain.Silo.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault()
        ?? throw new InvalidOperationException("No built silo: run `dotnet build src/SupplyChain.Silo` (or -c Release) first, or pass --silo.");
}
