using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Routes;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Grains.Shipments;

/// <summary>What a shipment keeps in grain storage; written on every scan and plan.</summary>
[GenerateSerializer, Alias("sc.ShipmentState")]
internal sealed class ShipmentState
{
    /// <summary>False until a plan or a scan has made the shipment known.</summary>
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public ShipmentStatus Status { get; set; } = ShipmentStatus.Pending;

    [Id(2)] public ScanType? StatusDetail { get; set; }

    /// <summary>Event time of the scan that set <see cref="Status"/>.</summary>
    [Id(3)] public DateTimeOffset? StatusSince { get; set; }

    /// <summary>Every scan, in event-time order.</summary>
    [Id(4)] public List<Milestone> Milestones { get; set; } = [];

    [Id(5)] public ShipmentPlan? Plan { get; set; }

    /// <summary>Keys of recently applied scans, oldest first (see <c>RecentEventIds</c>).</summary>
    [Id(6)] public List<ulong> RecentScanKeys { get; set; } = [];

    /// <summary>Outbound events, oldest first, bounded.</summary>
    [Id(7)] public List<OutboundEvent> History { get; set; } = [];

    /// <summary>The vehicle carrying the shipment, from the latest load or unload scan.</summary>
    [Id(8)] public string? VehicleId { get; set; }

    /// <summary>The latest known position; from scans here, from the vehicle's fixes in memory.</summary>
    [Id(9)] public PositionAt? Location { get; set; }

    /// <summary>Whether the vehicle is outside the planned route's corridor.</summary>
    [Id(10)] public CorridorState Corridor { get; set; } = CorridorState.Initial;

    /// <summary>The ETA estimator's state (written when it raises an event).</summary>
    [Id(11)] public EtaState Eta { get; set; } = EtaState.Initial;

    /// <summary>Event time the vehicle first reached the destination zone.</summary>
    [Id(12)] public DateTimeOffset? ArrivedAt { get; set; }

    /// <summary>Wall-clock time of the latest scan or movement, for the idle check.</summary>
    [Id(13)] public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>The <see cref="LastActivityAt"/> an idle alert was raised for, so it is raised once.</summary>
    [Id(14)] public DateTimeOffset? IdleReportedFor { get; set; }

    /// <summary>Whether the idle reminder is registered.</summary>
    [Id(15)] public bool IdleWatched { get; set; }

    /// <summary>Outbound events recorded here and not yet handed to their webhook dispatchers, oldest first.</summary>
    [Id(16)] public List<OutboundEvent> WebhookOutbox { get; set; } = [];

    /// <summary>
    /// The spells on vehicles the shipment's scans describe, as the vehicles were last told them; null in
    /// state written before spells (the vehicle in <see cref="VehicleId"/> was then told an open one).
    /// </summary>
    [Id(17)] public List<CarriedSpell>? ToldSpells { get; set; }

    /// <summary>Event time of the latest vehicle fix the corridor and the ETA took: older ones arriving late change neither.</summary>
    [Id(18)] public DateTimeOffset? TripFixAt { get; set; }

    /// <summary>What the promise rules remember; null in state written before promises were watched (<c>PromiseState.Initial</c>).</summary>
    [Id(19)] public PromiseState? Promise { get; set; }

    /// <summary>The promised time the promise reminder is registered for; null while none is.</summary>
    [Id(20)] public DateTimeOffset? PromiseWatchedFor { get; set; }

    /// <summary>The visits to the plan's stops, in the order they were made (see <c>StopProgress</c>); null before the first.</summary>
    [Id(21)] public List<StopVisit>? StopVisits { get; set; }
}
