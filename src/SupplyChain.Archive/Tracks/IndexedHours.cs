using SupplyChain.Archive.Storage;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// What the readers of the track index share: reading many hours or files at most
/// <see cref="Parallelism"/> at once, and finding the event files an hour's index does not cover yet.
/// Stateless.
/// </summary>
internal static class IndexedHours
{
    /// <summary>Hours, or files, read at once by one request.</summary>
    public const int Parallelism = 8;

    /// <summary><paramref name="read"/> of each of <paramref name="items"/>, at most <see cref="Parallelism"/> at once, the results in the items' order.</summary>
    public static async Task<TResult[]> EachAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await read(items[i], ct));
        return results;
    }

    /// <summary>The event files of hour <paramref name="hour"/> that <paramref name="manifest"/> does not cover (every one when there is none).</summary>
    public static async Task<List<string>> UncoveredEventFilesAsync(
        IArchiveStore store, DateTimeOffset hour, TrackIndexManifest? manifest, CancellationToken cancellationToken)
    {
        var covered = manifest?.Covers.ToHashSet(StringComparer.Ordinal) ?? [];
        var files = await store.EventFilesAsync(hour, cancellationToken);
        files.RemoveAll(covered.Contains);
        return files;
    }
}
