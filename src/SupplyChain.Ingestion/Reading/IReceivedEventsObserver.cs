namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// Told, once per request, what events it carried, as soon as they are read and before any is checked,
/// so that a host can note what a refused request tried as well as what an accepted one did (the silo's
/// audit names the sources). Called on the request's own flow; must be quick and must not keep the
/// events, whose data points into the request's pooled body.
/// </summary>
public interface IReceivedEventsObserver
{
    /// <summary>The request's events, one entry per event, null where one could not be read.</summary>
    void Received(IReadOnlyList<ReceivedEvent?> events);
}
