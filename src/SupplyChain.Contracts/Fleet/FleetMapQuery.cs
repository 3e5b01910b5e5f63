using SupplyChain.Domain.Fleet;

namespace SupplyChain.Contracts.Fleet;

/// <summary>What the ops map asks each partition for: its vehicles inside a box, or their clusters, or what changed.</summary>
/// <param name="Box">The box the map shows.</param>
/// <param name="Level">The grid level the clusters are counted at (<see cref="ClusterLevel.For"/>).</param>
/// <param name="MarkerLimit">Most vehicles the partition lists; beyond it only their count and clusters.</param>
/// <param name="Since">The partition's <see cref="FleetMapSlice.Version"/> the reader holds the box at, for only what changed since; null for all of it.</param>
[GenerateSerializer, Immutable, Alias("sc.FleetMapQuery")]
public sealed record FleetMapQuery(
    [property: Id(0)] MapBox Box,
    [property: Id(1)] int Level,
    [property: Id(2)] int MarkerLimit,
    [property: Id(3)] long? Since);
