using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Contracts.Ingestion;

/// <summary>
/// The consumer of one inbound partition stream, keyed by partition number. It hands each event
/// to its shipment or vehicle and, since it sees every ping of its partition anyway, keeps the
/// partition's fleet list, so listing the fleet asks a few partitions rather than one hub.
/// </summary>
[Alias("sc.IPartitionGrain")]
public interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>The latest position of every vehicle of this partition seen since activation.</summary>
    [Alias("GetVehicles")]
    Task<IReadOnlyList<VehicleSummary>> GetVehicles();
}
