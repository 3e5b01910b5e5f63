using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;

namespace SupplyChain.Domain.Eta;

/// <summary>A planned stop on the way, with its dwell. Immutable.</summary>
/// <param name="Location">Where the stop is.</param>
/// <param name="Dwell">How long it takes; null means <see cref="TrackingOptions.PlannedStopDwell"/>.</param>
/// <param name="FacilityId">
/// The facility's geofence id when the stop is one: the vehicle's arrival at and departure from that facility
/// mark it reached and left. Without one, the fixes' distance to <paramref name="Location"/> does (see <see cref="StopProgress"/>).
/// </param>
public sealed record PlannedStop(GeoPoint Location, TimeSpan? Dwell = null, string? FacilityId = null);

/// <summary>What a shipment's ETA is computed against. Immutable.</summary>
/// <param name="Destination">Where the shipment goes.</param>
/// <param name="DestinationRadiusM">Arrival radius in metres around <paramref name="Destination"/>.</param>
/// <param name="Route">The planned route, if any; without one the distance is great-circle × the detour factor.</param>
/// <param name="Stops">Planned stops on the way, in the order the vehicle makes them, if any.</param>
public sealed record EtaPlan(GeoPoint Destination, double DestinationRadiusM, Route? Route = null, IReadOnlyList<PlannedStop>? Stops = null);
