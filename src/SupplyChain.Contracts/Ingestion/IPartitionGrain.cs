using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Contracts.Ingestion;

/// <summary>
/// The consumer of one inbound partition stream, keyed by partition number. It hands each event
/// to its shipment or vehicle and, since it sees every ping of its partition anyway, keeps the
/// partition's fleet list, so listing the fleet asks a few partitions rather than one hub. Its
/// live subscribers (the ops feed) get every outbound event raised in the partition.
/// </summary>
[Alias("sc.IPartitionGrain")]
public interface IPartitionGrain : IGrainWithStringKey, ILiveFeedSource
{
    /// <summary>The latest position of every vehicle of this partition seen since activation.</summary>
    [Alias("GetVehicles")]
    Task<IReadOnlyList<VehicleSummary>> GetVehicles();

    /// <summary>
    /// Events a shipment of this partition raised outside stream delivery (from a vehicle fix or a
    /// timer), passed on to the ops feed. One-way: the feed is best effort.
    /// </summary>
    [Orleans.Concurrency.OneWay, Alias("Relay")]
    Task Relay(IReadOnlyList<Events.OutboundEvent> events);
}
