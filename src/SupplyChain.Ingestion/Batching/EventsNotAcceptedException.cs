namespace SupplyChain.Ingestion.Batching;

/// <summary>The stream provider did not take the events; none of the request counts as accepted.</summary>
public sealed class EventsNotAcceptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EventsNotAcceptedException() : base("The stream provider did not accept the events.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EventsNotAcceptedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the provider's failure.</summary>
    public EventsNotAcceptedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
