using SupplyChain.Ingestion.Reading;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Notes, for the audited request being read, how many events it carried and from which sources
/// (<see cref="EventSummary"/>), before ingestion checks them: refused posts are summarized as well as
/// accepted ones, from the one read of the body. Costs one pass over the events' source strings.
/// </summary>
internal sealed class SummarizingEventObserver : IReceivedEventsObserver
{
    public void Received(IReadOnlyList<ReceivedEvent?> events) => EventSummary.Current?.Received(events);
}
