using Orleans.Concurrency;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Contracts.Ingestion;

/// <summary>
/// The consumer of one inbound partition stream, keyed by partition number. It hands each scan to
/// its shipment and holds the vehicles of its partition itself, applying their pings where they are
/// delivered; so it also answers for those vehicles, and listing the fleet asks a few partitions
/// rather than one hub. Its live subscribers (the ops feed) get every outbound event raised in the
/// partition. Reach it through <see cref="PartitionGrains"/>.
/// </summary>
/// <remarks>
/// The vehicle methods interleave with stream delivery: a shipment that a scan is being delivered to
/// may call the partition of its vehicle, which may be waiting on a shipment itself. One vehicle's
/// operations still run one after another.
/// </remarks>
[Alias("sc.IPartitionGrain")]
public interface IPartitionGrain : IGrainWithStringKey, ILiveFeedSource
{
    /// <summary>The latest position of every vehicle of this partition seen since activation.</summary>
    [AlwaysInterleave, Alias("GetVehicles")]
    Task<IReadOnlyList<VehicleSummary>> GetVehicles();

    /// <summary>One vehicle of this partition as the API shows it, or null when it never reported.</summary>
    [AlwaysInterleave, Alias("GetVehicle")]
    Task<VehicleView?> GetVehicle(string vehicleId);

    /// <summary>The vehicle now carries <paramref name="trackingNumber"/> (stored before this returns).</summary>
    [AlwaysInterleave, Alias("Carry")]
    Task Carry(string vehicleId, string trackingNumber);

    /// <summary>The vehicle no longer carries <paramref name="trackingNumber"/> (stored before this returns).</summary>
    [AlwaysInterleave, Alias("Release")]
    Task Release(string vehicleId, string trackingNumber);

    /// <summary>
    /// Events a shipment of this partition raised outside stream delivery (from a vehicle fix or a
    /// timer), passed on to the ops feed. One-way: the feed is best effort.
    /// </summary>
    [OneWay, Alias("Relay")]
    Task Relay(IReadOnlyList<Events.OutboundEvent> events);
}
