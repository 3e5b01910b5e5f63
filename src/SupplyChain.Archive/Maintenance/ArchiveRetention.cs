using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Tracks;

namespace SupplyChain.Archive.Maintenance;

/// <summary>
/// Deletes the archive's days older than <see cref="ArchiveOptions.RetentionDays"/>: every file under
/// an <c>events/date=...</c> or <c>tracks/date=...</c> folder whose date lies before the cutoff. It lists
/// only the date folders, then the files of the expired ones. Thread safe.
/// </summary>
internal sealed partial class ArchiveRetention(IArchiveStore store, IOptions<ArchiveOptions> options, TimeProvider time, ILogger<ArchiveRetention> logger)
{
    private const string DatePrefix = "date=";

    /// <summary>Deletes every expired day; returns how many files were deleted.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RetentionDays == 0)
        {
            return 0;
        }

        var cutoff = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-options.Value.RetentionDays);
        var deleted = 0;
        foreach (var top in new[] { ArchiveLayout.EventsFolder, TrackLayout.TracksFolder })
        {
            await foreach (var folder in store.ListFoldersAsync(top + "/", cancellationToken))
            {
                var name = folder.TrimEnd('/')[(folder.TrimEnd('/').LastIndexOf('/') + 1)..];
                if (!name.StartsWith(DatePrefix, StringComparison.Ordinal)
                    || !DateOnly.TryParseExact(name[DatePrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    || date >= cutoff)
                {
                    continue;
                }

                var files = new List<string>();
                await foreach (var file in store.ListAsync(folder, cancellationToken))
                {
                    files.Add(file.Path);
                }

                foreach (var file in files)
                {
                    await store.DeleteAsync(file, cancellationToken);
                }

                deleted += files.Count;
                LogDayDeleted(logger, folder, files.Count);
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive retention: deleted {Folder} ({Files} files)")]
    private static partial void LogDayDeleted(ILogger logger, string folder, int files);
}
