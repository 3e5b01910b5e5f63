using System.Collections.Immutable;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;

namespace SupplyChain.Domain.Facilities;

/// <summary>
/// Arrivals at and departures from facilities, fix by fix, on event time. A facility is a geofence of
/// kind <see cref="GeofenceKind.Depot"/> (a depot, hub, warehouse or yard: where vehicles are expected
/// to stop). Thread safe: a pure function of its inputs.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A visit starts when <see cref="GeofenceMembership"/> counts the vehicle inside the fence, so its
/// hysteresis applies: parking on the fence's edge does not end and restart a visit.</item>
/// <item>The visit counts as an arrival once a fix shows the vehicle still inside
/// <see cref="TrackingOptions.FacilityDwell"/> after it came in; the arrival is dated at the entry.
/// A vehicle that leaves sooner drove by: nothing is raised, neither arrival nor departure.</item>
/// <item>Leaving after an arrival is a departure, dated at the exit, with the time spent inside.</item>
/// <item>A fence deleted during a visit ends the visit silently, as membership drops it silently.</item>
/// </list>
/// </remarks>
public static class FacilityVisits
{
    /// <summary>
    /// Applies one fix's membership update to the visits in progress.
    /// </summary>
    /// <param name="visits">The visits before the fix, one per facility the vehicle was inside.</param>
    /// <param name="membership">The fix's membership update (its transitions and the fences it is inside).</param>
    /// <param name="fix">The fix.</param>
    /// <param name="index">The geofences, to tell facilities from other fences.</param>
    /// <param name="dwell">How long a vehicle stays inside before it counts as arrived.</param>
    /// <returns>The visits after the fix, and the arrivals and departures it caused in event-time order.</returns>
    public static FacilityStep Next(
        ImmutableArray<FacilityVisit> visits, MembershipUpdate membership, Fix fix, GeofenceIndex index, TimeSpan dwell)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(index);
        if (visits.IsDefaultOrEmpty && membership.Transitions.Count == 0 && membership.Inside.Count == 0)
        {
            return FacilityStep.Nothing;
        }

        var movements = new List<FacilityMovement>();
        var next = ImmutableArray.CreateBuilder<FacilityVisit>();
        var current = visits.IsDefault ? [] : visits;

        // Transitions in event-time order: a fence crossed between two fixes enters and exits within one fix.
        foreach (var transition in membership.Transitions)
        {
            if (!IsFacility(index, transition.GeofenceId))
            {
                continue;
            }

            var open = Find(current, transition.GeofenceId);
            if (transition.Transition == GeofenceTransitionKind.Entered && open is null)
            {
                current = current.Add(new FacilityVisit(transition.GeofenceId, transition.At, transition.Location, Arrived: false));
            }
            else if (transition.Transition == GeofenceTransitionKind.Exited && open is not null)
            {
                current = current.Remove(open);
                if (open.Arrived || transition.At - open.EnteredAt >= dwell)
                {
                    movements.AddRange(Arrival(open, open.Arrived));
                    movements.Add(new FacilityMovement(
                        FacilityMovementKind.Departed, open.FacilityId, transition.At, transition.Location, transition.At - open.EnteredAt));
                }
            }
        }

        foreach (var visit in current)
        {
            if (!membership.Inside.Contains(visit.FacilityId))
            {
                // Deleted while the vehicle was inside: membership dropped it without an exit.
                continue;
            }

            if (!visit.Arrived && fix.At - visit.EnteredAt >= dwell)
            {
                movements.AddRange(Arrival(visit, arrivedBefore: false));
                next.Add(visit with { Arrived = true });
            }
            else
            {
                next.Add(visit);
            }
        }

        // A vehicle already inside a facility when the fence was drawn, or at its first fix, starts a visit then.
        foreach (var id in membership.Inside)
        {
            if (Find(current, id) is null && IsFacility(index, id) && !membership.Transitions.Any(t => t.GeofenceId == id))
            {
                next.Add(new FacilityVisit(id, fix.At, fix.Location, Arrived: false));
            }
        }

        return new FacilityStep(next.ToImmutable(), [.. movements.OrderBy(m => m.At)]);
    }

    /// <summary>The arrival a visit owes before its departure: one that stayed the dwell between two fixes arrived unseen.</summary>
    private static IEnumerable<FacilityMovement> Arrival(FacilityVisit visit, bool arrivedBefore) =>
        arrivedBefore ? [] : [new FacilityMovement(FacilityMovementKind.Arrived, visit.FacilityId, visit.EnteredAt, visit.EnteredWhere, null)];

    private static FacilityVisit? Find(ImmutableArray<FacilityVisit> visits, string facilityId)
    {
        foreach (var visit in visits)
        {
            if (visit.FacilityId == facilityId)
            {
                return visit;
            }
        }

        return null;
    }

    private static bool IsFacility(GeofenceIndex index, string id) => index.TryGet(id, out var fence) && fence.Kind == GeofenceKind.Depot;
}

/// <summary>The outcome of <see cref="FacilityVisits.Next"/>. Immutable.</summary>
/// <param name="Visits">The visits in progress after the fix.</param>
/// <param name="Movements">Arrivals and departures the fix caused, in event-time order.</param>
public sealed record FacilityStep(ImmutableArray<FacilityVisit> Visits, IReadOnlyList<FacilityMovement> Movements)
{
    /// <summary>No visit, nothing happened: what most fixes of a fleet yield.</summary>
    public static FacilityStep Nothing { get; } = new([], []);
}
