using Orleans.Concurrency;
using SupplyChain.Contracts.Fleet;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Contracts.Ingestion;

/// <summary>
/// The consumer of one inbound partition stream, keyed by partition number. It hands each scan to
/// its shipment and each vehicle's pings of a message to that vehicle's grain, and keeps the fleet
/// list's lines of the vehicles it delivers to (so listing the fleet asks a few partitions, not every
/// vehicle nor one hub). Its live subscribers (the ops feed) get every outbound event raised in the
/// partition. Reach it through <see cref="PartitionGrains"/>.
/// </summary>
[Alias("sc.IPartitionGrain")]
public interface IPartitionGrain : IGrainWithStringKey, ILiveFeedSource
{
    /// <summary>The latest position of every vehicle this partition delivered pings to since its activation.</summary>
    [AlwaysInterleave, Alias("GetVehicles")]
    Task<IReadOnlyList<VehicleSummary>> GetVehicles();

    /// <summary>
    /// The lines of this partition's vehicles whose id contains <paramref name="text"/> (ASCII case
    /// ignored), the first <paramref name="limit"/> by id.
    /// </summary>
    [AlwaysInterleave, Alias("FindVehicles")]
    Task<IReadOnlyList<VehicleSummary>> FindVehicles(string text, int limit);

    /// <summary>What the ops map shows of this partition's vehicles inside a box (see <see cref="FleetMapQuery"/>).</summary>
    [AlwaysInterleave, Alias("GetMap")]
    Task<FleetMapSlice> GetMap(FleetMapQuery query);


    /// <summary>
    /// Events a shipment of this partition raised outside stream delivery (from a vehicle fix or a
    /// timer), published to the ops feed. One-way: the feed is best effort. Interleaved: it only
    /// passes the events to the watchers, so it need not wait behind the stream message the partition
    /// is delivering (docs/architecture.md, "One way out"). The alias keeps the method's wire name from
    /// before it was called Publish.
    /// </summary>
    [OneWay, AlwaysInterleave, Alias("Relay")]
    Task Publish(IReadOnlyList<Events.OutboundEvent> events);
}
