namespace SupplyChain.Silo.Shipments;

/// <summary>A planned stop as a plan request gives it.</summary>
/// <param name="FacilityId">The facility's geofence id, when the stop is one.</param>
/// <param name="Location">Where the stop is.</param>
/// <param name="DwellMinutes">The planned dwell in minutes; absent for the configured default.</param>
public sealed record PlanStopRequest(string? FacilityId, LatLon? Location, double? DwellMinutes);
