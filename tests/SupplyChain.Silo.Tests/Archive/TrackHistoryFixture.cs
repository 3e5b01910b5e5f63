using SupplyChain.Archive.Storage;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Archive;

/// <summary>A silo archiving into a directory of its own that indexes ended hours within a second.</summary>
public sealed class TrackHistoryFixture : SiloFixture
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "track-test-" + Guid.NewGuid().ToString("N"));

    internal IArchiveStore Store => new DirectoryArchiveStore(Directory);

    protected override string[] Args =>
    [
        $"--SupplyChain:Archive:Directory={Directory}",
        "--SupplyChain:Archive:MaxDelay=00:00:00.300",
        "--SupplyChain:Archive:IndexPeriod=00:00:01",
        "--SupplyChain:Archive:IndexAfter=00:00:00",
    ];
}
