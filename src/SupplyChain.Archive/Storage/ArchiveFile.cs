namespace SupplyChain.Archive.Storage;

/// <summary>A file of the archive as its store lists it.</summary>
/// <param name="Path">The path relative to the store, <c>/</c>-separated.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="LastModified">When it was last written.</param>
public sealed record ArchiveFile(string Path, long Length, DateTimeOffset LastModified);
