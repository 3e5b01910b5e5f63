using SupplyChain.Contracts.Shipments;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// What a vehicle keeps in grain storage. Written when it starts or stops carrying a shipment;
/// the position and counters are soft state, rebuilt by the next pings.
/// </summary>
[GenerateSerializer, Alias("sc.VehicleState")]
internal sealed class VehicleState
{
    [Id(0)] public PositionAt? Location { get; set; }

    [Id(1)] public double? SpeedKmh { get; set; }

    [Id(2)] public double? HeadingDeg { get; set; }

    /// <summary>Tracking numbers of the shipments on board.</summary>
    [Id(3)] public List<string> Shipments { get; set; } = [];

    /// <summary>Keys of recently applied pings, oldest first.</summary>
    [Id(4)] public List<string> RecentPingKeys { get; set; } = [];

    /// <summary>Pings ignored as implausible, by verdict name.</summary>
    [Id(5)] public Dictionary<string, long> IgnoredPings { get; set; } = [];
}
