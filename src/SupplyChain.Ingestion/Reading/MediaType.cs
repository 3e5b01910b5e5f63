namespace SupplyChain.Ingestion.Reading;

/// <summary>Media types read without allocating: these checks run once or twice for every event.</summary>
internal static class MediaType
{
    /// <summary>The media type of a content type, without its parameters or surrounding blanks.</summary>
    public static ReadOnlySpan<char> Of(string contentType)
    {
        var mediaType = contentType.AsSpan();
        if (mediaType.IndexOf(';') is var parameters and >= 0)
        {
            mediaType = mediaType[..parameters];
        }

        return mediaType.Trim();
    }
}
