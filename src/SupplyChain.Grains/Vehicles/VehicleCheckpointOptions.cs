namespace SupplyChain.Grains.Vehicles;

/// <summary>How often a vehicle writes its soft state, and when it is let go from memory; bound from <c>SupplyChain:Tracking</c>.</summary>
public sealed class VehicleCheckpointOptions
{
    /// <summary>Default of <see cref="VehicleCheckpointInterval"/>: 1 hour.</summary>
    public static readonly TimeSpan DefaultVehicleCheckpointInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Wall-clock time after which the next accepted ping also writes the vehicle's state (its
    /// position, speed, motion), besides the writes on meaningful changes (default 1 hour). Wall
    /// clock rather than event time, so that replayed or compressed history cannot multiply the
    /// writes. A crash loses at most this much of a vehicle's soft state: the next ping (seconds
    /// later) gives the position again. Every vehicle
    /// writes once per interval, so the interval is the largest storage cost of a fleet: with a ping
    /// every 10 s, 5 minutes is 33 writes per 1,000 pings, 1 hour under 3 (docs/benchmarks.md).
    /// </summary>
    public TimeSpan VehicleCheckpointInterval { get; set; } = DefaultVehicleCheckpointInterval;

    /// <summary>Default of <see cref="VehicleIdleTimeout"/>: 30 minutes.</summary>
    public static readonly TimeSpan DefaultVehicleIdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Wall-clock time without an operation after which a vehicle's partition writes it (if it
    /// changed since its last write) and lets it go from memory (default 30 minutes): a parked or
    /// retired vehicle costs its partition only its line in the fleet list. Its next ping reads it
    /// back from storage. Checked every half timeout, at most every minute.
    /// </summary>
    public TimeSpan VehicleIdleTimeout { get; set; } = DefaultVehicleIdleTimeout;
}
