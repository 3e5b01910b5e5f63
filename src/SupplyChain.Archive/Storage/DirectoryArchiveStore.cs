using System.Runtime.CompilerServices;

namespace SupplyChain.Archive.Storage;

/// <summary>
/// The archive in a local directory (Embedded). A file is written to a temporary name, flushed to the
/// disk and renamed into place, so a crash leaves either the whole file or none; readers skip the
/// temporary names. Thread safe.
/// </summary>
public sealed class DirectoryArchiveStore(string root) : IArchiveStore
{
    private const string TemporarySuffix = ".tmp";

    public string Location { get; } = Path.GetFullPath(root);

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Location);
        return Task.CompletedTask;
    }

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + "." + Guid.NewGuid().ToString("N")[..8] + TemporarySuffix;
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            await file.WriteAsync(content, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
    }

    public async IAsyncEnumerable<ArchiveFile> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = FullPath(prefix);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            {
                continue;
            }

            yield return new ArchiveFile(Path.GetRelativePath(Location, file.FullName).Replace('\\', '/'), file.Length, file.LastWriteTimeUtc);
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListFoldersAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = FullPath(prefix);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Path.GetRelativePath(Location, child).Replace('\\', '/') + "/";
        }

        await Task.CompletedTask;
    }

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(FullPath(path), cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult<Stream?>(new FileStream(FullPath(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var file = FullPath(path);
        File.Delete(file);
        for (var folder = Path.GetDirectoryName(file); folder is not null && folder.Length > Location.Length; folder = Path.GetDirectoryName(folder))
        {
            if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any())
            {
                break;
            }

            Directory.Delete(folder);
        }

        return Task.CompletedTask;
    }

    private string FullPath(string path)
    {
        var full = Path.GetFullPath(Path.Combine(Location, path));
        // Paths come from the layout, never from a request; this only keeps a bug from writing elsewhere.
        if (!full.StartsWith(Location, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Archive path '{path}' leaves the archive directory.", nameof(path));
        }

        return full;
    }
}
