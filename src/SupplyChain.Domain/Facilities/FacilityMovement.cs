using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Facilities;

/// <summary>Whether a vehicle arrived at a facility or departed from it.</summary>
public enum FacilityMovementKind
{
    /// <summary>It came inside and stayed for the dwell threshold (<c>SupplyChain.VehicleArrived</c>).</summary>
    Arrived,

    /// <summary>It left after having arrived (<c>SupplyChain.VehicleDeparted</c>).</summary>
    Departed,
}

/// <summary>
/// A vehicle's arrival at or departure from a facility, decided by <see cref="FacilityVisits"/>. Immutable.
/// </summary>
/// <param name="Kind">Arrived or departed.</param>
/// <param name="FacilityId">The facility's geofence id.</param>
/// <param name="At">When it happened: the entry time for an arrival, the exit time for a departure (event time).</param>
/// <param name="Location">Where the vehicle was then.</param>
/// <param name="Dwell">For a departure, how long the vehicle was inside; null for an arrival.</param>
public sealed record FacilityMovement(FacilityMovementKind Kind, string FacilityId, DateTimeOffset At, GeoPoint Location, TimeSpan? Dwell);
