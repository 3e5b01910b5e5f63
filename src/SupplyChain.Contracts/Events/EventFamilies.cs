namespace SupplyChain.Contracts.Events;

/// <summary>
/// Outbound event types grouped by what a subscriber does with them, so a webhook can ask for a family
/// (and get the types added to it later) rather than list types. Every outbound type is in one family.
/// </summary>
public static class EventFamilies
{
    /// <summary>Where a shipment is in its life: status changes, delivery and every scan's milestone.</summary>
    public const string Status = "status";

    /// <summary>When it arrives: new estimates and arriving soon.</summary>
    public const string Eta = "eta";

    /// <summary>Where vehicles go: facilities arrived at and left, geofences entered and left.</summary>
    public const string Movement = "movement";

    /// <summary>Whether the promised delivery time holds: back on track (at risk and late are alerts).</summary>
    public const string Promises = "promises";

    /// <summary>What needs someone's attention: stops outside depots, breaches, deliveries at risk or late.</summary>
    public const string Alerts = "alerts";

    /// <summary>Each family's types.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Types { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Status] = [EventTypes.ShipmentStatusChanged, EventTypes.Delivered, EventTypes.MilestoneReached],
        [Eta] = [EventTypes.EtaRecalculated, EventTypes.ArrivingSoon],
        [Movement] = [EventTypes.VehicleArrived, EventTypes.VehicleDeparted, EventTypes.GeofenceEntered, EventTypes.GeofenceExited],
        [Promises] = [EventTypes.DeliveryBackOnTrack],
        [Alerts] = [EventTypes.NoMovementDetected, EventTypes.GeofenceBreached, EventTypes.DeliveryAtRisk, EventTypes.DeliveryLate],
    };
}
