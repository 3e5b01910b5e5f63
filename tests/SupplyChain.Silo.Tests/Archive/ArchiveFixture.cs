using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Storage;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Archive;

/// <summary>A silo archiving into a directory of its own, with a short write delay so tests wait less.</summary>
public sealed class ArchiveFixture : SiloFixture
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "archive-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>A reader over the silo's archive directory, as any tool would read it.</summary>
    internal ArchiveReader Reader => new(new DirectoryArchiveStore(Directory));

    protected override string[] Args =>
    [
        $"--SupplyChain:Archive:Directory={Directory}",
        "--SupplyChain:Archive:MaxDelay=00:00:00.500",
    ];
}
