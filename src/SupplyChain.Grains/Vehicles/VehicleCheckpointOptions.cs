namespace SupplyChain.Grains.Vehicles;

/// <summary>How often a vehicle writes its soft state, bound from <c>SupplyChain:Tracking</c>.</summary>
public sealed class VehicleCheckpointOptions
{
    /// <summary>Default of <see cref="VehicleCheckpointInterval"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultVehicleCheckpointInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Wall-clock time after which the next accepted ping also writes the vehicle's state (its
    /// position, speed, motion), besides the writes on meaningful changes (default 5 min). Wall
    /// clock rather than event time, so that replayed or compressed history cannot multiply the
    /// writes. A crash loses at most this much of a vehicle's soft state; its next pings rebuild it.
    /// With 100,000 vehicles the default costs about 330 blob writes/s at most.
    /// </summary>
    public TimeSpan VehicleCheckpointInterval { get; set; } = DefaultVehicleCheckpointInterval;
}
