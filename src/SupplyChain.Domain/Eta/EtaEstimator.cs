using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Routes;

namespace SupplyChain.Domain.Eta;

/// <summary>
/// Estimated time of arrival, fix by fix. Pure and deterministic: the same fixes give the same
/// estimates and decisions. Thread safe.
/// </summary>
/// <remarks>
/// <para>
/// ETA = fix time + remaining distance / speed + dwell of planned stops still ahead. Remaining
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
/// says nothing about the road after it. The speed never falls below
/// <see cref="TrackingOptions.MinEtaSpeedKmh"/> nor exceeds <see cref="TrackingOptions.MaxPlausibleSpeedKmh"/>.
/// </para>
/// </remarks>
public static class EtaEstimator
{
    /// <summary>
    /// Applies one fix. <paramref name="moving"/> is <c>MotionState.Moving</c> after this fix;
    /// pass <paramref name="projection"/> when the fix was already projected onto the plan's route.
    /// </summary>
    public static EtaStep Next(EtaState state, Fix fix, bool moving, EtaPlan plan, TrackingOptions options, RouteProjection? projection = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (state.Arrived || (state.LastFix is { } last && fix.At < last.At))
        {
            return new EtaStep(state with { LastFix = state.Arrived ? fix : state.LastFix }, null, 0, null, null, null);
        }

        var (inner, speed) = UpdatedSpeed(state, fix, moving, options);
        if (GreatCircle.DistanceMeters(fix.Location, plan.Destination) <= plan.DestinationRadiusM)
        {
            var arrived = state with { LastFix = fix, InnerSpeedMps = inner, SpeedMps = speed, Arrived = true };
            return new EtaStep(arrived, fix.At, 0, null, null, new ArrivedAtDestination(fix.Location, fix.At));
        }

        var remaining = RemainingMeters(fix.Location, plan, options, projection);
        var speedForEstimate = moving && speed is { } measured ? measured : Kmh(options.CruisingSpeedKmh);
        speedForEstimate = Math.Clamp(speedForEstimate, Kmh(options.MinEtaSpeedKmh), Kmh(options.MaxPlausibleSpeedKmh));
        var estimate = fix.At + TimeSpan.FromSeconds(remaining / speedForEstimate) + DwellAhead(fix.Location, plan, options, projection);
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

    private static TimeSpan DwellAhead(GeoPoint position, EtaPlan plan, TrackingOptions options, RouteProjection? projection)
    {
        if (plan.Stops is not { Count: > 0 } stops)
        {
            return TimeSpan.Zero;
        }

        // With a route a stop is ahead while it projects further along; without one, while it is
        // nearer the destination than the vehicle is.
        var total = TimeSpan.Zero;
        var here = plan.Route is { } planned ? (projection ?? planned.Project(position)).DistanceAlongM : (double?)null;
        var hereToDestination = GreatCircle.DistanceMeters(position, plan.Destination);
        foreach (var stop in stops)
        {
            var ahead = plan.Route is { } route && here is { } along
                ? route.Project(stop.Location).DistanceAlongM > along
                : GreatCircle.DistanceMeters(stop.Location, plan.Destination) < hereToDestination;
            if (ahead)
            {
                total += stop.Dwell ?? options.PlannedStopDwell;
            }
        }

        return total;
    }

    private static double Kmh(double kmh) => kmh / 3.6;
}
