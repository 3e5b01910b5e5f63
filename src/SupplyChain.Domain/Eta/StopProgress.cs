using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Eta;

/// <summary>
/// Which of a plan's stops the vehicle has reached and left, so the ETA counts only the dwell still to come
/// (see <see cref="EtaEstimator.DwellAhead"/>). Immutable: each change returns a new progress, and an input
/// that changes nothing returns the same instance, so a caller can tell by reference whether to store it.
/// Thread safe.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A stop with a facility is reached and left by the vehicle's arrival at and departure from that
/// facility (<c>VehicleArrived</c> and <c>VehicleDeparted</c>, dated at the entry and the exit). A plan may
/// name a facility more than once: a movement goes to the first of its stops not visited yet after the last
/// stop visited, else to the first not visited at all. Movements heard twice change nothing.</item>
/// <item>A stop without a facility is reached by the first fix within the plan's destination radius of it
/// (the radius that counts as being at a place), and left by the first fix after it beyond that radius plus
/// <see cref="TrackingOptions.GeofenceHysteresisM"/>, so GPS jitter at the edge does not end the visit.
/// Where several such stops are within reach, the first in plan order not visited yet is reached.</item>
/// <item>Each stop is visited once.</item>
/// </list>
/// </remarks>
public sealed class StopProgress
{
    /// <summary>Creates a progress from visits kept earlier (in the order they were made).</summary>
    public StopProgress(IReadOnlyList<StopVisit> visits)
    {
        ArgumentNullException.ThrowIfNull(visits);
        Visits = visits;
    }

    /// <summary>No stop visited yet.</summary>
    public static StopProgress Initial { get; } = new([]);

    /// <summary>The visits made, in the order they were made (at most one per stop).</summary>
    public IReadOnlyList<StopVisit> Visits { get; }

    /// <summary>The visit to stop <paramref name="stop"/>, or null while it has none.</summary>
    public StopVisit? VisitOf(int stop)
    {
        foreach (var visit in Visits)
        {
            if (visit.Stop == stop)
            {
                return visit;
            }
        }

        return null;
    }

    /// <summary>The highest index of a stop reached by <paramref name="at"/>; -1 when none was.</summary>
    public int LastReachedBy(DateTimeOffset at)
    {
        var last = -1;
        foreach (var visit in Visits)
        {
            if (visit.ReachedAt <= at && visit.Stop > last)
            {
                last = visit.Stop;
            }
        }

        return last;
    }

    /// <summary>
    /// Whether the vehicle is at one of the plan's stops at <paramref name="fix"/>'s time: a visit open then, or
    /// within the plan's destination radius of a stop not visited yet (a facility's arrival is raised only
    /// after a while inside).
    /// </summary>
    public bool IsAtStop(EtaPlan plan, Fix fix)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Stops is not { Count: > 0 } stops)
        {
            return false;
        }

        for (var i = 0; i < stops.Count; i++)
        {
            var visit = VisitOf(i);
            var open = visit is not null && visit.ReachedAt <= fix.At && (visit.LeftAt is not { } left || left > fix.At);
            var near = (visit is null || visit.ReachedAt > fix.At) && GreatCircle.DistanceMeters(stops[i].Location, fix.Location) <= plan.DestinationRadiusM;
            if (open || near)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The vehicle arrived at facility <paramref name="facilityId"/> at <paramref name="at"/>.</summary>
    public StopProgress Arrived(IReadOnlyList<PlannedStop>? stops, string facilityId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(facilityId);
        if (stops is null || Visits.Any(v => IsAt(stops, v, facilityId) && (v.ReachedAt == at || v.LeftAt is null)))
        {
            return this;
        }

        return Next(stops, facilityId) is { } stop ? With(new StopVisit(stop, at)) : this;
    }

    /// <summary>
    /// The vehicle left facility <paramref name="facilityId"/> at <paramref name="at"/> after
    /// <paramref name="dwell"/> inside; a departure whose arrival was not heard reaches the stop that long before.
    /// </summary>
    public StopProgress Departed(IReadOnlyList<PlannedStop>? stops, string facilityId, DateTimeOffset at, TimeSpan? dwell)
    {
        ArgumentNullException.ThrowIfNull(facilityId);
        if (stops is null || Visits.Any(v => IsAt(stops, v, facilityId) && v.LeftAt == at))
        {
            return this;
        }

        if (Visits.FirstOrDefault(v => IsAt(stops, v, facilityId) && v.LeftAt is null && v.ReachedAt <= at) is { } open)
        {
            return Replaced(open, open with { LeftAt = at });
        }

        return Next(stops, facilityId) is { } stop ? With(new StopVisit(stop, at - (dwell ?? TimeSpan.Zero), at)) : this;
    }

    /// <summary>Applies one fix to the stops without a facility, by the rules in the remarks.</summary>
    public StopProgress OnFix(EtaPlan plan, Fix fix, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (plan.Stops is not { Count: > 0 } stops)
        {
            return this;
        }

        var progress = this;
        var reached = false;
        for (var i = 0; i < stops.Count; i++)
        {
            if (stops[i].FacilityId is not null)
            {
                continue;
            }

            var distance = GreatCircle.DistanceMeters(fix.Location, stops[i].Location);
            var visit = progress.VisitOf(i);
            if (visit is null && !reached && distance <= plan.DestinationRadiusM)
            {
                progress = progress.With(new StopVisit(i, fix.At));
                reached = true;
            }
            else if (visit is { LeftAt: null } open && fix.At > open.ReachedAt && distance > plan.DestinationRadiusM + options.GeofenceHysteresisM)
            {
                progress = progress.Replaced(open, open with { LeftAt = fix.At });
            }
        }

        return progress;
    }

    private static bool IsAt(IReadOnlyList<PlannedStop> stops, StopVisit visit, string facilityId) =>
        visit.Stop < stops.Count && stops[visit.Stop].FacilityId == facilityId;

    /// <summary>The stop of <paramref name="facilityId"/> a movement goes to, by the order rule in the remarks; null when none is left.</summary>
    private int? Next(IReadOnlyList<PlannedStop> stops, string facilityId)
    {
        var after = Visits.Count == 0 ? -1 : Visits.Max(v => v.Stop);
        int? first = null;
        for (var i = 0; i < stops.Count; i++)
        {
            if (stops[i].FacilityId != facilityId || VisitOf(i) is not null)
            {
                continue;
            }

            if (i > after)
            {
                return i;
            }

            first ??= i;
        }

        return first;
    }

    private StopProgress With(StopVisit visit) => new([.. Visits, visit]);

    private StopProgress Replaced(StopVisit old, StopVisit updated) => new([.. Visits.Select(v => v == old ? updated : v)]);
}
