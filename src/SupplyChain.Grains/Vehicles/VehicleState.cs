using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Motion;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// What a vehicle keeps in grain storage. Written on meaningful changes: it starts or stops
/// carrying a shipment, a stop begins or ends, its geofences change; and once per checkpoint
/// interval. The position in between is soft state, rebuilt by the next pings.
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
    [Id(4)] public List<ulong> RecentPingKeys { get; set; } = [];

    /// <summary>Pings ignored as implausible, by reason.</summary>
    [Id(5)] public Dictionary<string, long> IgnoredPings { get; set; } = [];

    /// <summary>Ids of the geofences the vehicle is inside.</summary>
    [Id(6)] public List<string> InsideGeofences { get; set; } = [];

    /// <summary>The motion detector's state: the current stop, if any.</summary>
    [Id(7)] public MotionState Motion { get; set; } = MotionState.Initial;
}
