using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Contracts.Shipments;

/// <summary>A planned stop of a shipment's trip: a facility on the way where the vehicle dwells.</summary>
/// <param name="FacilityId">The facility's geofence id, when the stop is one: its VehicleArrived and VehicleDeparted mark the stop reached and left.</param>
/// <param name="Location">Where the stop is.</param>
/// <param name="Dwell">How long the vehicle is planned to stay; null for the configured default (<c>SupplyChain:Tracking:PlannedStopDwell</c>).</param>
[GenerateSerializer, Immutable, Alias("sc.PlanStop")]
public sealed record PlanStop([property: Id(0)] string? FacilityId, [property: Id(1)] GeoPoint Location, [property: Id(2)] TimeSpan? Dwell);
