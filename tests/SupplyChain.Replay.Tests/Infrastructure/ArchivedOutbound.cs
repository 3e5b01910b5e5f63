using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Replay.Tests.Infrastructure;

/// <summary>One outbound event as the comparison sees it: what a consumer gets, ids and payload.</summary>
internal sealed record ArchivedOutbound(string Type, string Source, string Id, DateTimeOffset Time, string? Data)
{
    public override string ToString() => $"{Type} {Source} {Id} {Time:O} {Data}";

    /// <summary>The outbound events in the archive directory <paramref name="directory"/>, each once, from <paramref name="from"/> to now and an hour.</summary>
    public static async Task<HashSet<ArchivedOutbound>> ReadAsync(string directory, DateTimeOffset from)
    {
        var records = await new ArchiveReader(new DirectoryArchiveStore(directory))
            .ReadAsync(from, DateTimeOffset.UtcNow.AddHours(1), r => r.Direction == ArchiveDirection.Outbound, TestContext.Current.CancellationToken);
        return [.. records.Select(r => new ArchivedOutbound(r.Type, r.Source, r.Id, r.Time, r.Data))];
    }

    /// <summary>What <paramref name="expected"/> has that <paramref name="actual"/> lacks, and the reverse, one line each.</summary>
    public static List<string> Differences(IReadOnlySet<ArchivedOutbound> expected, IReadOnlySet<ArchivedOutbound> actual) =>
    [
        .. expected.Except(actual).OrderBy(e => e.Time).Select(e => "live only:   " + e),
        .. actual.Except(expected).OrderBy(e => e.Time).Select(e => "replay only: " + e),
    ];
}
