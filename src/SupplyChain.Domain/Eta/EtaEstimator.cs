using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;

namespace SupplyChain.Domain.Eta;

/// <summary>
/// Estimated time of arrival, fix by fix. Pure and deterministic: the same fixes give the same
/// estimates and decisions. Thread safe.
/// </summary>
/// <remarks>
/// <para>
/// ETA = fix time + remaining distance / speed + dwell still to come at the planned stops
/// (<see cref="DwellAhead"/>). Remaining
/// distance: along the planned route from the projected position (plus the distance off it, and
/// from the route's end to the destination); without a route, great-circle distance ×
/// <see cref="TrackingOptions.DetourFactor"/>.
/// </para>
/// <para>
/// Speed: an exponentially weighted mean of the average speed over each interval between fixes
/// while the vehicle counts as moving, weighted by the interval's length against
/// <see cref="TrackingOptions.EtaSpeedTimeConstant"/> and starting from
/// <see cref="TrackingOptions.CruisingSpeedKmh"/>. Pauses shorter than
/// <see cref="TrackingOptions.StopMinDuration"/> keep the vehicle "moving", so stop-and-go traffic
/// enters as its true average instead of swinging between zero and full speed. While the vehicle is
/// stopped (a confirmed stop), the cruising speed is assumed: how fast it crept before the stop
/// says nothing about the road after it. At a planned stop (<see cref="StopProgress.IsAtStop"/>) the speed
/// measured before it holds and takes no samples: the stop's time is its dwell's, which the estimate counts
/// down, not the road's. The speed never falls below
/// <see cref="TrackingOptions.MinEtaSpeedKmh"/> nor exceeds <see cref="TrackingOptions.MaxPlausibleSpeedKmh"/>.
/// </para>
/// </remarks>
public static class EtaEstimator
{
    /// <summary>
    /// Applies one fix. <paramref name="moving"/> is <c>MotionState.Moving</c> after this fix;
    /// pass <paramref name="projection"/> when the fix was already projected onto the plan's route, and
    /// <paramref name="stops"/> for the plan's stops visited so far (none when null).
    /// </summary>
    public static EtaStep Next(
        EtaState state, Fix fix, bool moving, EtaPlan plan, TrackingOptions options, RouteProjection? projection = null, StopProgress? stops = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (state.Arrived || (state.LastFix is { } last && fix.At < last.At))
        {
            return new EtaStep(state with { LastFix = state.Arrived ? fix : state.LastFix }, null, 0, null, null, null);
        }

        var progress = stops ?? StopProgress.Initial;
        // Time at a planned stop is its dwell's, counted below: it must not also slow the speed down.
        var atStop = progress.IsAtStop(plan, fix);
        var (inner, speed) = atStop ? (state.InnerSpeedMps, state.SpeedMps) : UpdatedSpeed(state, fix, moving, options);
        if (GreatCircle.DistanceMeters(fix.Location, plan.Destination) <= plan.DestinationRadiusM)
        {
            var arrived = state with { LastFix = fix, InnerSpeedMps = inner, SpeedMps = speed, Arrived = true };
            return new EtaStep(arrived, fix.At, 0, null, null, new ArrivedAtDestination(fix.Location, fix.At));
        }

        var remaining = RemainingMeters(fix.Location, plan, options, projection);
        var speedForEstimate = (moving || atStop) && speed is { } measured ? measured : Kmh(options.CruisingSpeedKmh);
        speedForEstimate = Math.Clamp(speedForEstimate, Kmh(options.MinEtaSpeedKmh), Kmh(options.MaxPlausibleSpeedKmh));
        var estimate = fix.At + TimeSpan.FromSeconds(remaining / speedForEstimate) + DwellAhead(fix, plan, progress, options, projection);
        var remainingKm = remaining / 1000;

        var next = state with { LastFix = fix, InnerSpeedMps = inner, SpeedMps = speed };
        EtaRecalculated? recalculated = null;
        if (state.Eta is not { } announced || (estimate - announced).Duration() >= options.EtaChangeThreshold)
        {
            var original = state.OriginalEta ?? estimate;
            next = next with { Eta = estimate, OriginalEta = original };
            recalculated = new EtaRecalculated(estimate, state.Eta, original, remainingKm, fix.At);
        }

        ArrivingSoon? soon = null;
        if (!state.ArrivingSoonSent && estimate - fix.At <= options.ArrivingSoonWindow)
        {
            next = next with { ArrivingSoonSent = true };
            soon = new ArrivingSoon(estimate, remainingKm, fix.At);
        }

        return new EtaStep(next, estimate, remaining, recalculated, soon, null);
    }

    /// <summary>Metres still to go from <paramref name="position"/>, by the rules in the remarks.</summary>
    public static double RemainingMeters(GeoPoint position, EtaPlan plan, TrackingOptions options, RouteProjection? projection = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (plan.Route is not { } route)
        {
            return GreatCircle.DistanceMeters(position, plan.Destination) * options.DetourFactor;
        }

        var onRoute = projection ?? route.Project(position);
        if (onRoute.Section == RouteSection.AfterEnd)
        {
            return GreatCircle.DistanceMeters(position, plan.Destination);
        }

        return onRoute.RemainingM + onRoute.DistanceOffM + GreatCircle.DistanceMeters(route.End, plan.Destination);
    }

    private static (double? Inner, double? Outer) UpdatedSpeed(EtaState state, Fix fix, bool moving, TrackingOptions options)
    {
        if (!moving || state.LastFix is not { } last || fix.At <= last.At)
        {
            return (state.InnerSpeedMps, state.SpeedMps);
        }

        var seconds = (fix.At - last.At).TotalSeconds;
        var sample = Math.Min(GreatCircle.DistanceMeters(last.Location, fix.Location) / seconds, Kmh(options.MaxPlausibleSpeedKmh));
        var weight = 1 - Math.Exp(-seconds / (options.EtaSpeedTimeConstant.TotalSeconds / 2));
        var inner = state.InnerSpeedMps ?? Kmh(options.CruisingSpeedKmh);
        var outer = state.SpeedMps ?? Kmh(options.CruisingSpeedKmh);
        inner += weight * (sample - inner);
        outer += weight * (inner - outer);
        return (inner, outer);
    }

    /// <summary>
    /// The dwell still to come at <paramref name="fix"/>'s time at the plan's stops, given the stops visited
    /// (<paramref name="progress"/>, on event time: a visit counts from its times on).
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>A stop the vehicle has left counts nothing, and so does every stop planned before the last
    /// one it has reached, whatever the geometry says: the plan gives their order.</item>
    /// <item>A stop the vehicle is at counts what is left of its dwell, never less than nothing.</item>
    /// <item>A stop not reached counts its whole dwell while it is ahead, or within the plan's destination
    /// radius of the vehicle (a facility's arrival is raised only after a while inside). Ahead: with a route,
    /// it projects further along than the vehicle; without one, it is nearer the destination than the vehicle.
    /// So a stop driven past without a visit drops out.</item>
    /// <item>A stop's dwell is its own, else <see cref="TrackingOptions.PlannedStopDwell"/>.</item>
    /// </list>
    /// </remarks>
    public static TimeSpan DwellAhead(Fix fix, EtaPlan plan, StopProgress progress, TrackingOptions options, RouteProjection? projection = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(options);
        if (plan.Stops is not { Count: > 0 } stops)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var lastReached = progress.LastReachedBy(fix.At);
        var here = plan.Route is { } planned ? (projection ?? planned.Project(fix.Location)).DistanceAlongM : (double?)null;
        var hereToDestination = GreatCircle.DistanceMeters(fix.Location, plan.Destination);
        for (var i = Math.Max(lastReached, 0); i < stops.Count; i++)
        {
            var stop = stops[i];
            var dwell = stop.Dwell ?? options.PlannedStopDwell;
            if (progress.VisitOf(i) is { } visit && visit.ReachedAt <= fix.At)
            {
                if (visit.LeftAt is not { } left || left > fix.At)
                {
                    var remaining = dwell - (fix.At - visit.ReachedAt);
                    total += remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
                }

                continue;
            }

            var ahead = plan.Route is { } route && here is { } along
                ? route.Project(stop.Location).DistanceAlongM > along
                : GreatCircle.DistanceMeters(stop.Location, plan.Destination) < hereToDestination;
            if (ahead || GreatCircle.DistanceMeters(stop.Location, fix.Location) <= plan.DestinationRadiusM)
            {
                total += dwell;
            }
        }

        return total;
    }

    private static double Kmh(double kmh) => kmh / 3.6;
}
