using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Routes;

/// <summary>Whether a vehicle is on an excursion out of its route corridor. Immutable; plain data.</summary>
/// <param name="Outside">True from the breach until the vehicle is back inside by the hysteresis.</param>
public sealed record CorridorState(bool Outside)
{
    /// <summary>The state before any fix: inside.</summary>
    public static CorridorState Initial { get; } = new(false);
}

/// <summary>
/// Decision: the vehicle left the route corridor (<c>SupplyChain.GeofenceBreached</c> with geofenceId
/// "route" and reason <c>LeftRouteCorridor</c>). Immutable.
/// </summary>
/// <param name="Location">The fix that decided it.</param>
/// <param name="At">Its event time.</param>
/// <param name="DistanceOffM">Metres from the route at that fix.</param>
public sealed record CorridorBreach(GeoPoint Location, DateTimeOffset At, double DistanceOffM);

/// <summary>The outcome of one fix.</summary>
/// <param name="State">The state to keep.</param>
/// <param name="Breach">Set on the fix that starts an excursion; once per excursion.</param>
/// <param name="Returned">True on the fix that ends an excursion.</param>
public sealed record CorridorStep(CorridorState State, CorridorBreach? Breach, bool Returned);

/// <summary>
/// The route-corridor rule with hysteresis. Thread safe: a pure function of its inputs.
/// </summary>
/// <remarks>
/// An excursion starts when the distance off the route exceeds half the corridor width plus the
/// hysteresis, and ends once it is below half the width minus the hysteresis. For a corridor no
/// wider than twice the hysteresis that would be unreachable, so the return line is then half of
/// the half width.
/// </remarks>
public static class CorridorMonitor
{
    /// <summary>Applies one fix, already projected onto the route.</summary>
    public static CorridorStep Next(CorridorState state, RouteProjection projection, Fix fix, double corridorWidthM, double hysteresisM)
    {
        ArgumentNullException.ThrowIfNull(state);
        var halfWidth = corridorWidthM / 2;
        var off = projection.DistanceOffM;
        if (!state.Outside)
        {
            return off > halfWidth + hysteresisM
                ? new CorridorStep(new CorridorState(true), new CorridorBreach(fix.Location, fix.At, off), false)
                : new CorridorStep(state, null, false);
        }

        var returnLine = halfWidth > hysteresisM ? halfWidth - hysteresisM : halfWidth / 2;
        return off < returnLine
            ? new CorridorStep(CorridorState.Initial, null, true)
            : new CorridorStep(state, null, false);
    }
}
