using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Motion;

/// <summary>
/// Stops and NoMovementDetected, on event time. Thread safe: a pure function of its inputs.
/// </summary>
/// <remarks>
/// <para>
/// A stop is anchored at its first fix and lasts while later fixes stay within
/// <see cref="TrackingOptions.NoMovementRadiusM"/> of that anchor, so GPS jitter inside the radius
/// is no movement, while a steady crawl leaves the radius and re-anchors before any window fills
/// (at the defaults, anything faster than 200 m in 10 min, 0.33 m/s, never reports). The first fix
/// beyond the radius ends the stop and re-arms the report.
/// </para>
/// <para>
/// NoMovementDetected is raised once per stop, when the vehicle has stood outside every depot for
/// <see cref="TrackingOptions.NoMovementWindow"/> of it. Time inside a depot does not count: a stop
/// that began in a depot and drifts out of it (still within the radius) starts its clock on the
/// first fix outside; one that drifts into a depot pauses reporting, and its clock restarts if it
/// drifts out again. Feed <c>insideDepot</c> from <c>GeofenceMembership</c>, whose hysteresis keeps
/// a vehicle parked on a depot's edge from restarting the clock on every fix.
/// </para>
/// <para>Fixes older than the last one applied are ignored.</para>
/// </remarks>
public static class MotionDetector
{
    /// <summary>Applies one fix.</summary>
    public static MotionStep Next(MotionState state, Fix fix, bool insideDepot, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (state.LastFix is { } last && fix.At < last.At)
        {
            return new MotionStep(state, null);
        }

        if (state.Anchor is not { } anchor
            || GreatCircle.DistanceMeters(anchor.Location, fix.Location) > options.NoMovementRadiusM)
        {
            var fresh = new MotionState
            {
                LastFix = fix,
                Anchor = fix,
                OutsideDepotSince = insideDepot ? null : fix.At,
            };
            return new MotionStep(fresh, null);
        }

        var outsideSince = insideDepot ? null : (DateTimeOffset?)(state.OutsideDepotSince ?? fix.At);
        var next = state with
        {
            LastFix = fix,
            OutsideDepotSince = outsideSince,
            StoppedSince = fix.At - anchor.At >= options.StopMinDuration ? anchor.At : null,
        };

        if (!state.Reported && outsideSince is { } since && fix.At - since >= options.NoMovementWindow)
        {
            return new MotionStep(next with { Reported = true },
                new NoMovementDetected(anchor.Location, since, fix.At - since, fix.At));
        }

        return new MotionStep(next, null);
    }
}
