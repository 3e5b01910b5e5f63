using SupplyChain.Contracts.Ingestion;
using SupplyChain.Ingestion.Batching;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Wraps the event sink to note, for the audited request that publishes, how many events it handed
/// over and from which sources (<see cref="EventSummary"/>). Costs one pass over the source strings
/// of a request's events; publishes outside an audited request (the demo fleet) pass straight through.
/// </summary>
internal sealed class SummarizingEventSink(IInboundEventSink inner) : IInboundEventSink, IAsyncDisposable
{
    public Task PublishAsync(IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken)
    {
        EventSummary.Current?.Add(events);
        return inner.PublishAsync(events, cancellationToken);
    }

    /// <summary>The container disposes this wrapper only, so the batcher's final flush is passed on.</summary>
    public ValueTask DisposeAsync() => inner switch
    {
        IAsyncDisposable a => a.DisposeAsync(),
        IDisposable d => Dispose(d),
        _ => ValueTask.CompletedTask,
    };

    private static ValueTask Dispose(IDisposable disposable)
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
