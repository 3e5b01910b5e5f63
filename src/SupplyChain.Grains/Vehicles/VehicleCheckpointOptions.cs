using SupplyChain.Domain;

namespace SupplyChain.Grains.Vehicles;

/// <summary>How often a vehicle writes its soft state, what it holds in memory and when it is let go; bound from <c>SupplyChain:Tracking</c>.</summary>
public sealed class VehicleCheckpointOptions
{
    /// <summary>The configuration section: the tracking thresholds', since these are tracking settings to whoever configures them.</summary>
    public const string SectionName = TrackingOptions.SectionName;

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
    /// Wall-clock time without a ping after which a vehicle grain writes its state (if it changed
    /// since its last write) and lets its activation go (default 30 minutes): a parked or retired
    /// vehicle costs only its line in its partition's fleet list. Its next ping reads it
    /// back from storage. Orleans' activation collector lets it go (the vehicle grain's collection
    /// age), checking every <c>GrainCollectionOptions.CollectionQuantum</c> (a minute by default):
    /// a timer per vehicle cost 100,000 timers in one queue for a fleet of that size.
    /// </summary>
    public TimeSpan VehicleIdleTimeout { get; set; } = DefaultVehicleIdleTimeout;

    /// <summary>Default of <see cref="HeldFixes"/>: 16.</summary>
    public const int DefaultHeldFixes = 16;

    /// <summary>
    /// How many of its latest accepted fixes a vehicle holds in memory for a shipment whose load scan
    /// arrives after them (default 16; 0 holds none). Scans and pings travel in different partition
    /// streams, so a binding often lands a little after the pings it covers: seconds normally, up to
    /// the dead-lettering of a failing message (about 15 s) or a partition's backlog. At one ping
    /// every 10 s, 16 fixes are the last two and a half minutes; each costs memory in every vehicle
    /// (docs/benchmarks.md, "Figures behind design choices").
    /// </summary>
    public int HeldFixes { get; set; } = DefaultHeldFixes;
}
