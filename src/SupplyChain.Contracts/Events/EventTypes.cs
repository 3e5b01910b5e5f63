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

    /// <summary>Live feed only (never stored): the shipment's position moved with its vehicle.</summary>
    public const string LocationUpdated = "SupplyChain.LocationUpdated";

    /// <summary>The <c>source</c> of a shipment's outbound events.</summary>
    public static string ShipmentSource(string trackingNumber) => "/supplychain/shipments/" + trackingNumber;

    /// <summary>The <c>source</c> of a vehicle's outbound events.</summary>
    public static string VehicleSource(string vehicleId) => "/supplychain/vehicles/" + vehicleId;
}
