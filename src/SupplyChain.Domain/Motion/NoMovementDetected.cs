using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Motion;

/// <summary>
/// Decision: the vehicle has not moved beyond the radius for the window, outside every depot
/// (<c>SupplyChain.NoMovementDetected</c>). Immutable.
/// </summary>
/// <param name="Location">Where the stop began (its anchor), so every report of one stop names the same place.</param>
/// <param name="Since">When the vehicle began standing outside every depot in this stop.</param>
/// <param name="Duration">From <paramref name="Since"/> to <paramref name="At"/>.</param>
/// <param name="At">Event time of the fix that decided it.</param>
public sealed record NoMovementDetected(GeoPoint Location, DateTimeOffset Since, TimeSpan Duration, DateTimeOffset At);

/// <summary>The outcome of one fix: the new state and, at most once per stop, a decision.</summary>
/// <param name="State">The state to keep for the next fix.</param>
/// <param name="NoMovement">Set on the one fix that completes the window.</param>
public readonly record struct MotionStep(MotionState State, NoMovementDetected? NoMovement);
