namespace SupplyChain.Contracts.Events;

/// <summary>The CloudEvent types of the public contract.</summary>
public static class EventTypes
{
    /// <summary>Inbound: a carrier's parcel scan.</summary>
    public const string ItemScanned = "SupplyChain.ItemScanned";

    /// <summary>Inbound: a vehicle's GPS position.</summary>
    public const string GpsPing = "SupplyChain.GpsPing";

    /// <summary>Outbound: a shipment's status changed.</summary>
    public const string ShipmentStatusChanged = "SupplyChain.ShipmentStatusChanged";

    /// <summary>Outbound: a scan of a shipment was accepted (every scan, whether or not it moved the status).</summary>
    public const string MilestoneReached = "SupplyChain.MilestoneReached";

    /// <summary>Outbound: a shipment was delivered.</summary>
    public const string Delivered = "SupplyChain.Delivered";

    /// <summary>Outbound: a shipment's estimated arrival moved.</summary>
    public const string EtaRecalculated = "SupplyChain.ETARecalculated";

    /// <summary>Outbound: a shipment arrives within the arriving-soon window.</summary>
    public const string ArrivingSoon = "SupplyChain.ArrivingSoon";

    /// <summary>Outbound: a vehicle (or an idle shipment) has not moved for the configured window.</summary>
    public const string NoMovementDetected = "SupplyChain.NoMovementDetected";

    /// <summary>Outbound: a vehicle left its route corridor or entered a restricted geofence.</summary>
    public const string GeofenceBreached = "SupplyChain.GeofenceBreached";

    /// <summary>Outbound: a vehicle entered a geofence.</summary>
    public const string GeofenceEntered = "SupplyChain.GeofenceEntered";

    /// <summary>Outbound: a vehicle left a geofence.</summary>
    public const string GeofenceExited = "SupplyChain.GeofenceExited";

    /// <summary>Outbound: a vehicle arrived at a facility (stayed inside its fence for the dwell threshold).</summary>
    public const string VehicleArrived = "SupplyChain.VehicleArrived";

    /// <summary>Outbound: a vehicle left a facility it had arrived at.</summary>
    public const string VehicleDeparted = "SupplyChain.VehicleDeparted";

    /// <summary>Outbound: a shipment's estimate passed its promised delivery time by more than the margin.</summary>
    public const string DeliveryAtRisk = "SupplyChain.DeliveryAtRisk";

    /// <summary>Outbound: an at-risk shipment's estimate came back within its promise.</summary>
    public const string DeliveryBackOnTrack = "SupplyChain.DeliveryBackOnTrack";

    /// <summary>Outbound: a shipment's promised delivery time passed undelivered.</summary>
    public const string DeliveryLate = "SupplyChain.DeliveryLate";

    /// <summary>Live feed only (never stored): the shipment's position moved with its vehicle.</summary>
    public const string LocationUpdated = "SupplyChain.LocationUpdated";

    /// <summary>The <c>source</c> of a shipment's outbound events.</summary>
    public static string ShipmentSource(string trackingNumber) => "/supplychain/shipments/" + trackingNumber;

    /// <summary>The <c>source</c> of a vehicle's outbound events.</summary>
    public static string VehicleSource(string vehicleId) => "/supplychain/vehicles/" + vehicleId;
}
