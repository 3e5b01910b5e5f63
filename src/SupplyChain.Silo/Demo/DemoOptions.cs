namespace SupplyChain.Silo.Demo;

/// <summary>The demo fleet that shows a newcomer a moving map, bound from <c>SupplyChain:Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Demo";

    /// <summary>Default of <see cref="TickInterval"/>.</summary>
    public static readonly TimeSpan DefaultTickInterval = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="PauseBetweenLaps"/>.</summary>
    public static readonly TimeSpan DefaultPauseBetweenLaps = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="TripTimePerTick"/>.</summary>
    public static readonly TimeSpan DefaultTripTimePerTick = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="SpeedKmh"/>.</summary>
    public const double DefaultSpeedKmh = 150;

    /// <summary>Default of <see cref="FleetSize"/>.</summary>
    public const int DefaultFleetSize = 40;

    /// <summary>Whether the demo runs (also the <c>--demo</c> switch). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often every demo vehicle reports its position. Default 1 s; 100 ms to 1 min.</summary>
    public TimeSpan TickInterval { get; set; } = DefaultTickInterval;

    /// <summary>
    /// Speed of the shipments' trucks in km/h. Default 150: brisk enough to see move, and under the
    /// tracking's plausible-speed limit (<c>SupplyChain:Tracking:MaxPlausibleSpeedKmh</c>), which
    /// would otherwise drop the pings because their event time is the wall clock.
    /// </summary>
    public double SpeedKmh { get; set; } = DefaultSpeedKmh;

    /// <summary>Extra vehicles circling around the demo's cities for the ops map, 0 to 20,000. Default 40.</summary>
    public int FleetSize { get; set; } = DefaultFleetSize;

    /// <summary>
    /// How much of a scripted trip (<see cref="DemoTrips"/>) each tick replays, in event time. Default
    /// 30 s: the longest trip (about 94 minutes) plays in about three minutes at the default tick, slow
    /// enough to watch. 10 s to 5 min.
    /// </summary>
    public TimeSpan TripTimePerTick { get; set; } = DefaultTripTimePerTick;

    /// <summary>How long a delivered shipment's truck waits before its next lap. Default 30 s.</summary>
    public TimeSpan PauseBetweenLaps { get; set; } = DefaultPauseBetweenLaps;
}
