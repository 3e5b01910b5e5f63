using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Facilities;

/// <summary>
/// A vehicle inside a facility's fence: since when, and whether it has stayed long enough to count as
/// arrived. Immutable; plain data, so a vehicle can persist it as is.
/// </summary>
/// <param name="FacilityId">The facility's geofence id.</param>
/// <param name="EnteredAt">Event time the vehicle came inside: the arrival time once it counts.</param>
/// <param name="EnteredWhere">Where it came inside: the arrival's location.</param>
/// <param name="Arrived">True once the vehicle stayed <see cref="TrackingOptions.FacilityDwell"/>: VehicleArrived was raised.</param>
public sealed record FacilityVisit(string FacilityId, DateTimeOffset EnteredAt, GeoPoint EnteredWhere, bool Arrived);
