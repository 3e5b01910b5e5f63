using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Ingestion.Batching;

/// <summary>Where accepted inbound events go: the partition streams.</summary>
public interface IInboundEventSink
{
    /// <summary>
    /// Completes once every event is in the stream provider's hands; throws
    /// <see cref="EventsNotAcceptedException"/> when the provider refused any of them, naming those it
    /// took all the same (which will be applied).
    /// </summary>
    Task PublishAsync(IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken);
}
