using System.Net;

namespace SupplyChain.Replay.Posting;

/// <summary>The target refused a batch for good (a 4xx other than 429), or kept failing past the attempts allowed.</summary>
internal sealed class ReplayRejectedException : Exception
{
    public ReplayRejectedException()
    {
    }

    public ReplayRejectedException(string message)
        : base(message)
    {
    }

    public ReplayRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReplayRejectedException(HttpStatusCode? status, string message, Exception? innerException = null)
        : base(message, innerException) => Status = status;

    /// <summary>The last answer's status, or null when there was no answer.</summary>
    public HttpStatusCode? Status { get; }
}
