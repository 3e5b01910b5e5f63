namespace SupplyChain.Archive.Storage;

/// <summary>
/// Where archive files live: a local directory or an Azure Blob container. Paths are relative and use
/// <c>/</c> (<see cref="ArchiveLayout"/>). A file is written whole in one operation and never changed
/// afterwards (erasure replaces it whole), so readers never see half a file.
/// </summary>
public interface IArchiveStore
{
    /// <summary>What the store is, for logs and errors (a directory path, a container URI).</summary>
    string Location { get; }

    /// <summary>Creates the directory or container if missing.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> as <paramref name="path"/> in one storage operation, replacing any file of that path.</summary>
    Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The paths of the files under <paramref name="prefix"/> (a folder path ending in <c>/</c>), in no particular order.</summary>
    IAsyncEnumerable<ArchiveFile> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The folders directly under <paramref name="prefix"/> (a folder path ending in <c>/</c>), each ending in <c>/</c>.</summary>
    IAsyncEnumerable<string> ListFoldersAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The whole content of <paramref name="path"/>, or null when there is no such file.</summary>
    Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>A seekable stream over <paramref name="path"/> that reads only the parts asked for (ranged reads on Azure), or null when there is no such file.</summary>
    Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="path"/> if it exists (and, on disk, the folders it leaves empty).</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);
}
