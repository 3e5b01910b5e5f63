namespace SupplyChain.Domain.Geodesy;

/// <summary>
/// A position fix: where a vehicle was, at the event time the device reported. Immutable.
/// </summary>
/// <param name="Location">The position in degrees.</param>
/// <param name="At">Event time of the fix (the ping's <c>time</c>), never a wall-clock reading.</param>
public readonly record struct Fix(GeoPoint Location, DateTimeOffset At);
