using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SupplyChain.Archive.Storage;

/// <summary>
/// The archive in an Azure Blob container (Durable). A file is one block blob written with one
/// <c>Put Blob</c> (files stay far below the single-upload limit), so a reader sees it whole or not at
/// all. Thread safe (the SDK's clients are).
/// </summary>
public sealed class BlobArchiveStore(BlobContainerClient container) : IArchiveStore
{
    public string Location => container.Uri.ToString();

    public Task PrepareAsync(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        await container.GetBlobClient(path).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);

    public async IAsyncEnumerable<ArchiveFile> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blobs = container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await blobs.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // No container yet: nothing was archived.
                    yield break;
                }

                var blob = blobs.Current;
                yield return new ArchiveFile(blob.Name, blob.Properties.ContentLength ?? 0, blob.Properties.LastModified ?? DateTimeOffset.MinValue);
            }
        }
        finally
        {
            await blobs.DisposeAsync();
        }
    }

    public async IAsyncEnumerable<string> ListFoldersAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    yield break;
                }

                if (items.Current.IsPrefix)
                {
                    yield return items.Current.Prefix;
                }
            }
        }
        finally
        {
            await items.DisposeAsync();
        }
    }

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            // Small buffers: a track read wants a footer and a few row groups, not the whole blob.
            return await container.GetBlobClient(path).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 256 * 1024 }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
