namespace SupplyChain.Archive.Storage;

/// <summary>What the archive's readers, indexer and erasure ask of a store alike.</summary>
public static class ArchiveStoreExtensions
{
    /// <summary>The paths of hour <paramref name="hour"/>'s event files, in no particular order.</summary>
    public static async Task<List<string>> EventFilesAsync(this IArchiveStore store, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        await foreach (var file in store.ListAsync(ArchiveLayout.HourFolder(hour), cancellationToken))
        {
            if (ArchiveLayout.IsEventFile(file.Path))
            {
                files.Add(file.Path);
            }
        }

        return files;
    }
}
