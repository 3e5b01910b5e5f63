namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// The events a request carried, in request order, with what was wrong with those that could not be
/// read. Holds the request's pooled body, which the events' data points into, until disposed.
/// </summary>
public sealed class ReceivedEvents : IDisposable
{
    private readonly IDisposable? _body;

    internal ReceivedEvents(IReadOnlyList<ReceivedEvent?> events, IReadOnlyList<EventError> errors, IDisposable? body)
    {
        Events = events;
        Errors = errors;
        _body = body;
    }

    /// <summary>One entry per event of the request: the event, or null where it could not be read (its error is in <see cref="Errors"/>).</summary>
    public IReadOnlyList<ReceivedEvent?> Events { get; }

    /// <summary>The events that could not be read, by index.</summary>
    public IReadOnlyList<EventError> Errors { get; }

    /// <summary>Returns the body to its pool: the events' <see cref="ReceivedEvent.Data"/> is no longer valid after this.</summary>
    public void Dispose() => _body?.Dispose();
}
