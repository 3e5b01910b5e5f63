namespace SupplyChain.Domain.Geofences;

/// <summary>The <c>reason</c> of a <c>SupplyChain.GeofenceBreached</c> event.</summary>
public enum GeofenceBreachReason
{
    /// <summary>The vehicle left a shipment's route corridor by more than the hysteresis.</summary>
    LeftRouteCorridor,

    /// <summary>The vehicle entered a <see cref="GeofenceKind.Restricted"/> geofence.</summary>
    EnteredRestricted,
}
