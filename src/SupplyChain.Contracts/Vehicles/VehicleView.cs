using SupplyChain.Contracts.Shipments;

namespace SupplyChain.Contracts.Vehicles;

/// <summary>What the API shows of one vehicle.</summary>
/// <param name="IgnoredPings">Pings accepted over HTTP but ignored as implausible, by reason.</param>
[GenerateSerializer, Immutable, Alias("sc.VehicleView")]
public sealed record VehicleView(
    [property: Id(0)] string VehicleId,
    [property: Id(1)] PositionAt? Location,
    [property: Id(2)] double? SpeedKmh,
    [property: Id(3)] double? HeadingDeg,
    [property: Id(4)] bool Moving,
    [property: Id(5)] DateTimeOffset? StoppedSince,
    [property: Id(6)] IReadOnlyList<string> InsideGeofences,
    [property: Id(7)] IReadOnlyList<string> Shipments,
    [property: Id(8)] IReadOnlyDictionary<string, long> IgnoredPings);
