using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Fleet;

namespace SupplyChain.Contracts.Fleet;

/// <summary>One partition's answer to a <see cref="FleetMapQuery"/>.</summary>
/// <param name="Epoch">A number drawn when the partition grain activated: versions of different activations do not compare.</param>
/// <param name="Version">The partition's fleet version the answer is at.</param>
/// <param name="Within">Vehicles of the partition inside the box.</param>
/// <param name="Fleet">Vehicles of the partition in all.</param>
/// <param name="Moving">How many of those are moving.</param>
/// <param name="Vehicles">Every vehicle inside the box, when asked without <c>Since</c> (or the partition could not answer since then) and they are at most the limit; else null.</param>
/// <param name="Changes">What changed inside the box since <c>Since</c>; null when not asked or the partition no longer knows (another activation, or its log no longer reaches back).</param>
/// <param name="Clusters">The vehicles inside the box counted per cell of the query's level.</param>
[GenerateSerializer, Immutable, Alias("sc.FleetMapSlice")]
public sealed record FleetMapSlice(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] int Within,
    [property: Id(3)] int Fleet,
    [property: Id(4)] int Moving,
    [property: Id(5)] IReadOnlyList<VehicleSummary>? Vehicles,
    [property: Id(6)] FleetMapChanges? Changes,
    [property: Id(7)] IReadOnlyList<FleetCluster> Clusters);
