using SupplyChain.Contracts.Shipments;

namespace SupplyChain.Contracts.Vehicles;

/// <summary>A vehicle's latest position, as the fleet list shows it.</summary>
[GenerateSerializer, Immutable, Alias("sc.VehicleSummary")]
public sealed record VehicleSummary(
    [property: Id(0)] string VehicleId,
    [property: Id(1)] PositionAt Location,
    [property: Id(2)] double? SpeedKmh,
    [property: Id(3)] double? HeadingDeg,
    [property: Id(4)] bool Moving);
