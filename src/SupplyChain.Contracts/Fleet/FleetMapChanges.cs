using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Contracts.Fleet;

/// <summary>What changed inside a box of the map since a version of a partition.</summary>
/// <param name="Changed">The latest line of each vehicle inside the box whose line changed.</param>
/// <param name="Left">The vehicles that were inside the box and are outside it now.</param>
[GenerateSerializer, Immutable, Alias("sc.FleetMapChanges")]
public sealed record FleetMapChanges(
    [property: Id(0)] IReadOnlyList<VehicleSummary> Changed,
    [property: Id(1)] IReadOnlyList<string> Left)
{
    /// <summary>Whether anything inside the box changed.</summary>
    public bool Any => Changed.Count > 0 || Left.Count > 0;
}
