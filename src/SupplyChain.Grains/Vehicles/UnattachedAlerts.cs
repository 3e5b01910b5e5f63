using SupplyChain.Contracts.Events;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// A vehicle's alerts that a shipment on board did not take yet, waiting for the next attempt
/// (see <see cref="FixesToShipments"/>). Not thread safe: it belongs to one vehicle grain activation.
/// </summary>
internal sealed class UnattachedAlerts(string vehicleId, string trackingNumber, IReadOnlyList<OutboundEvent> alerts)
{
    public string VehicleId { get; } = vehicleId;

    public string TrackingNumber { get; } = trackingNumber;

    public IReadOnlyList<OutboundEvent> Alerts { get; } = alerts;

    /// <summary>Attempts that failed so far.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) the latest attempt failed.</summary>
    public long FailedAt { get; set; }

    /// <summary>How long after <see cref="FailedAt"/> the next attempt is due.</summary>
    public TimeSpan Wait { get; set; }
}
