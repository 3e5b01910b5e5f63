namespace SupplyChain.Contracts.Events;

/// <summary>
/// Takes every outbound event a grain of this silo raises, as it raises it, for the archive. Must
/// return at once and never throw: the grain's own work does not wait for the archive.
/// </summary>
public interface IOutboundEventRecorder
{
    /// <summary>Takes <paramref name="events"/> (possibly again: readers drop copies by source and id).</summary>
    void Record(IReadOnlyList<OutboundEvent> events);
}
