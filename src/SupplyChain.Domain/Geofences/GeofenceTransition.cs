using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>Whether a vehicle came into or left a geofence.</summary>
public enum GeofenceTransitionKind
{
    /// <summary>The vehicle came inside (<c>SupplyChain.GeofenceEntered</c>).</summary>
    Entered,

    /// <summary>The vehicle left by at least the hysteresis (<c>SupplyChain.GeofenceExited</c>).</summary>
    Exited,
}

/// <summary>
/// A vehicle entering or leaving a geofence. Immutable.
/// </summary>
/// <param name="Transition">Entered or exited.</param>
/// <param name="GeofenceId">The fence.</param>
/// <param name="Kind">The fence's kind; an entered <see cref="GeofenceKind.Restricted"/> fence is a breach.</param>
/// <param name="Location">
/// Where it happened: the fix itself, or for a fence crossed between two fixes the interpolated
/// point where the path enters or leaves it.
/// </param>
/// <param name="At">Event time: the fix's time, or interpolated between the two fixes for a crossing.</param>
public sealed record GeofenceTransition(
    GeofenceTransitionKind Transition, string GeofenceId, GeofenceKind Kind, GeoPoint Location, DateTimeOffset At)
{
    /// <summary>True for entering a <see cref="GeofenceKind.Restricted"/> fence (<see cref="GeofenceBreachReason.EnteredRestricted"/>).</summary>
    public bool IsBreach => Transition == GeofenceTransitionKind.Entered && Kind == GeofenceKind.Restricted;
}
