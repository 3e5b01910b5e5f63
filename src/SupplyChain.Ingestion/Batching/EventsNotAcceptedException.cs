namespace SupplyChain.Ingestion.Batching;

/// <summary>
/// The stream provider did not take some or all of a request's events. <see cref="Accepted"/> names
/// those it took before it failed (they will be applied); the others will not be, until sent again.
/// The message is for the caller: it names no internal resource (the cause is logged, not shown).
/// </summary>
public sealed class EventsNotAcceptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EventsNotAcceptedException() : base("The event stream is not accepting events right now.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EventsNotAcceptedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's failure.</summary>
    public EventsNotAcceptedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a request of which the events at <paramref name="accepted"/> were taken all the same.</summary>
    public EventsNotAcceptedException(string message, IReadOnlyList<int> accepted, Exception? innerException = null)
        : base(message, innerException)
    {
        Accepted = accepted;
    }

    /// <summary>The positions, in the published list, of the events the provider took before it failed; sorted.</summary>
    public IReadOnlyList<int> Accepted { get; } = [];
}
