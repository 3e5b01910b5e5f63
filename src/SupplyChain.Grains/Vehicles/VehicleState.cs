using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Motion;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// What a vehicle keeps in grain storage (under grain id <c>vehicle/{vehicleId}</c>, state name
/// <c>vehicle</c>, since vehicles were first grains). Written on meaningful changes: it starts or stops
/// carrying a shipment, a stop begins or ends, its geofences change, it arrives at a facility; and once per checkpoint
/// interval. The position in between is soft state, rebuilt by the next pings.
/// </summary>
/// <remarks>
/// The location and the motion, which every ping changes, are held as values, not as objects: a new
/// object stored here on each ping is a reference from this long-lived state to a young object, which
/// each young collection has to find by scanning the older generation's changed cards, and with
/// 100,000 vehicles that scan was most of its pause (benchmarks.md). The location's property and the
/// motion's surrogate keep the stored JSON and the Orleans wire form as they were when both were
/// objects, so silos of the release before read and write the same state, and an activation the
/// rebalancer moves between an old silo and a new one carries it unchanged (VehicleStateTests).
/// </remarks>
[GenerateSerializer, Alias("sc.VehicleState")]
internal sealed class VehicleState
{
    [NonSerialized] private bool _located;
    [NonSerialized] private GeoPoint _position;
    [NonSerialized] private DateTimeOffset _at;

    [Id(0)]
    public PositionAt? Location
    {
        get => _located ? new PositionAt(_position, _at) : null;
        set => (_located, _position, _at) = value is null ? default : (true, value.Position, value.At);
    }

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
    [Id(7)] public MotionState Motion { get; set; }

    /// <summary>
    /// For the shipments on board, the event time of the load scan that bound each: its fixes from then
    /// on are the shipment's. Null while none is known (the release where vehicles lived in partitions
    /// did not keep it: shipments bound then take every fix, as they did).
    /// </summary>
    [Id(8)] public Dictionary<string, DateTimeOffset>? ShipmentsSince { get; set; }

    /// <summary>
    /// Spells of shipments carried lately, ended by an unload, delivery or return scan (at most
    /// <see cref="Vehicle.EndedSpellLimit"/>): their fixes arriving after that scan still reach them.
    /// </summary>
    [Id(9)] public List<EndedSpell>? EndedSpells { get; set; }

    /// <summary>Facilities the vehicle is inside now, with when it came in and whether it counts as arrived; null for none.</summary>
    [Id(10)] public List<FacilityVisit>? FacilityVisits { get; set; }

    /// <summary>
    /// The owning account, as the vehicle's ownership grain recorded it; null until the vehicle learned
    /// it and wrote its state since (vehicles stored before it kept their owner learn it from that grain
    /// on their next claim). Never ahead of that grain: a transfer is recorded there first.
    /// </summary>
    [Id(11)] public string? Owner { get; set; }

    /// <summary>The latest accepted fix, as <see cref="Location"/> without making one.</summary>
    internal Fix? LastLocated => _located ? new Fix(_position, _at) : null;

    /// <summary>Whether the vehicle counts as moving.</summary>
    internal bool Moving => Motion.Moving;
}
