namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// A request refused as a whole; nothing of it is accepted. The endpoint answers it with a
/// problem details body carrying <see cref="Status"/>, <see cref="Title"/> and the per-event errors.
/// </summary>
public sealed class IngestionRejectedException : Exception
{
    /// <summary>Creates the rejection.</summary>
    public IngestionRejectedException(int status, string title, string detail, IReadOnlyList<EventError>? errors = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Errors = errors ?? [];
    }

    /// <summary>Creates a rejection with the default 400.</summary>
    public IngestionRejectedException() : this(400, "Bad request", "The request was refused.")
    {
    }

    /// <summary>Creates a 400 rejection with a detail.</summary>
    public IngestionRejectedException(string message) : this(400, "Bad request", message)
    {
    }

    /// <summary>Creates a 400 rejection with a detail and its cause.</summary>
    public IngestionRejectedException(string message, Exception innerException) : base(message, innerException)
    {
        Status = 400;
        Title = "Bad request";
        Errors = [];
    }

    /// <summary>The HTTP status to answer with.</summary>
    public int Status { get; }

    /// <summary>A short, stable summary of the problem type.</summary>
    public string Title { get; }

    /// <summary>Each bad event, by index.</summary>
    public IReadOnlyList<EventError> Errors { get; }
}
