using SupplyChain.Silo.Hosting;

namespace SupplyChain.Replay.Tests.Infrastructure;

/// <summary>
/// A real silo on loopback (Embedded, Development keys) archiving into a fresh directory of its own
/// with a short write delay, so tests wait less. The directory is deleted with the silo.
/// </summary>
public sealed class ArchivingSilo : IAsyncDisposable
{
    public const string CarrierKey = "dev-carrier";
    public const string AdminKey = "dev-admin";

    private ArchivingSilo(LoopbackSilo silo, string directory)
    {
        Silo = silo;
        Directory = directory;
    }

    public LoopbackSilo Silo { get; }

    /// <summary>The archive directory.</summary>
    public string Directory { get; }

    public static async Task<ArchivingSilo> StartAsync(params string[] extraArgs)
    {
        var directory = Path.Combine(Path.GetTempPath(), "replay-test-" + Guid.NewGuid().ToString("N"));
        var silo = await LoopbackSilo.StartAsync(
            args => SiloApplication.Build(args),
            "Development",
            [$"--SupplyChain:Archive:Directory={directory}", "--SupplyChain:Archive:MaxDelay=00:00:00.300", .. extraArgs]);
        return new ArchivingSilo(silo, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
