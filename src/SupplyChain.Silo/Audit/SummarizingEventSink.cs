using SupplyChain.Contracts.Ingestion;
using SupplyChain.Ingestion.Batching;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Wraps the event sink to note, for an audited request that publishes events it did not read from its
/// own body (a re-drive), how many it handed over and from which sources (<see cref="EventSummary"/>).
/// An events post is summarized as it is read (<see cref="SummarizingEventObserver"/>), so it costs
/// nothing more here; publishes outside an audited request (the demo fleet) pass straight through.
/// </summary>
internal sealed class SummarizingEventSink(IInboundEventSink inner) : IInboundEventSink, IAsyncDisposable
{
    public Task PublishAsync(IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken)
    {
        if (EventSummary.Current is { Read: false } summary)
        {
            summary.Published(events);
        }

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
