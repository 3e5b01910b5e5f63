using SupplyChain.Contracts.Events;

namespace SupplyChain.Grains.Events;

/// <summary>The recorder of a silo without an archive (the grain tests' silos): records nothing.</summary>
internal sealed class NoOutboundEventRecorder : IOutboundEventRecorder
{
    public void Record(IReadOnlyList<OutboundEvent> events)
    {
    }
}
