using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
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
    [Id(6)] public List<string> RecentScanKeys { get; set; } = [];

    /// <summary>Outbound events, oldest first, bounded.</summary>
    [Id(7)] public List<OutboundEvent> History { get; set; } = [];

    /// <summary>The vehicle carrying the shipment, from the latest load or unload scan.</summary>
    [Id(8)] public string? VehicleId { get; set; }

    /// <summary>The latest known position; from scans here, from the vehicle's fixes in memory.</summary>
    [Id(9)] public PositionAt? Location { get; set; }
}
