using SupplyChain.Contracts.Events;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Motion;

namespace SupplyChain.Grains.Events;

/// <summary>
/// The outbound events of one vehicle, each built from what caused it (see <see cref="ShipmentEvents"/>);
/// those that concern its load name the tracking numbers on board. Immutable.
/// </summary>
internal readonly record struct VehicleEvents(string VehicleId)
{
    private string Source => EventTypes.VehicleSource(VehicleId);

    /// <summary>The vehicle entered or left a fence.</summary>
    public OutboundEvent Crossed(GeofenceTransition t, string cause) => OutboundEventFactory.Create(
        t.Transition == GeofenceTransitionKind.Entered ? EventTypes.GeofenceEntered : EventTypes.GeofenceExited,
        Source, VehicleId, cause + "\n" + t.GeofenceId, t.At,
        new GeofenceCrossedData(VehicleId, t.GeofenceId, new LatLon(t.Location.Lat, t.Location.Lon), t.At),
        OutboundJsonContext.Default.GeofenceCrossedData);

    /// <summary>The vehicle entered a restricted fence.</summary>
    public OutboundEvent Breached(GeofenceTransition t, string cause, string[] onBoard) => OutboundEventFactory.Create(
        EventTypes.GeofenceBreached, Source, VehicleId, cause + "\n" + t.GeofenceId, t.At,
        new GeofenceBreachedData(VehicleId, onBoard, t.GeofenceId, nameof(GeofenceBreachReason.EnteredRestricted), new LatLon(t.Location.Lat, t.Location.Lon), t.At),
        OutboundJsonContext.Default.GeofenceBreachedData);

    /// <summary>The vehicle has not moved for a while outside a depot.</summary>
    public OutboundEvent NoMovement(NoMovementDetected stop, string cause, string[] onBoard) => OutboundEventFactory.Create(
        EventTypes.NoMovementDetected, Source, VehicleId, cause, stop.At,
        new NoMovementDetectedData(VehicleId, onBoard, new LatLon(stop.Location.Lat, stop.Location.Lon), stop.Since, (long)stop.Duration.TotalSeconds),
        OutboundJsonContext.Default.NoMovementDetectedData);

    /// <summary>The vehicle arrived at a facility (dated at its entry) or left it (dated at its exit).</summary>
    public OutboundEvent Moved(FacilityMovement m, string cause, string[] onBoard) => OutboundEventFactory.Create(
        m.Kind == FacilityMovementKind.Arrived ? EventTypes.VehicleArrived : EventTypes.VehicleDeparted,
        Source, VehicleId, cause + "\n" + m.FacilityId, m.At,
        new VehicleMovementData(VehicleId, onBoard, m.FacilityId, new LatLon(m.Location.Lat, m.Location.Lon), m.At, (long?)m.Dwell?.TotalSeconds),
        OutboundJsonContext.Default.VehicleMovementData);
}
