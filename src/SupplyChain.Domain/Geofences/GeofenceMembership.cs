using System.Collections.Immutable;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Geofences;

/// <summary>
/// The fences a vehicle is in after a fix, and the transitions that fix caused. Immutable.
/// </summary>
/// <param name="Inside">Ids of the fences the vehicle now counts as inside (hysteresis applied).</param>
/// <param name="Transitions">Enter and exit transitions in event-time order; empty when nothing changed.</param>
/// <param name="InsideDepot">True when one of <see cref="Inside"/> is a <see cref="GeofenceKind.Depot"/>.</param>
public sealed record MembershipUpdate(
    ImmutableSortedSet<string> Inside, IReadOnlyList<GeofenceTransition> Transitions, bool InsideDepot);

/// <summary>
/// Geofence membership with hysteresis, fix by fix. Thread safe: pure function of its inputs.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Enter as soon as a fix is inside (boundary included).</item>
/// <item>Exit only once a fix is outside by at least <c>hysteresisM</c> metres from the boundary,
/// so GPS jitter along an edge cannot flap.</item>
/// <item>The straight path from the previous fix is tested too: a fence it touches that neither
/// fix is in yields Entered at the interpolated entry point, then Exited at the exit point when
/// the new fix is already beyond the hysteresis; otherwise the vehicle stays inside until a fix
/// is, which keeps a path that grazes a corner from flapping.</item>
/// <item>A fence that was deleted (no longer in the index) is dropped silently: no Exited.</item>
/// </list>
/// </remarks>
public static class GeofenceMembership
{
    /// <summary>In no fence, before and after: what most fixes of a fleet are.</summary>
    private static readonly MembershipUpdate Outside = new([], [], InsideDepot: false);

    /// <summary>Applies <paramref name="fix"/> to the membership left by <paramref name="previousFix"/>.</summary>
    public static MembershipUpdate Next(GeofenceIndex index, IReadOnlyCollection<string> previous, Fix? previousFix, Fix fix,
        double hysteresisM)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(previous);
        var containing = index.Containing(fix.Location);
        var crossing = previousFix is { } from && from.At <= fix.At ? index.Crossing(from.Location, fix.Location) : [];
        if (previous.Count == 0 && containing.Count == 0 && crossing.Count == 0)
        {
            return Outside;
        }

        var inside = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        var transitions = new List<GeofenceTransition>();
        var containingIds = containing.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var id in previous)
        {
            if (!index.TryGet(id, out var fence))
            {
                continue;
            }

            if (containingIds.Contains(id) || fence.DistanceToBoundaryMeters(fix.Location) < hysteresisM)
            {
                inside.Add(id);
            }
            else
            {
                transitions.Add(new(GeofenceTransitionKind.Exited, id, fence.Kind, fix.Location, fix.At));
            }
        }

        foreach (var fence in containing)
        {
            if (inside.Add(fence.Id) && !previous.Contains(fence.Id))
            {
                transitions.Add(new(GeofenceTransitionKind.Entered, fence.Id, fence.Kind, fix.Location, fix.At));
            }
        }

        if (previousFix is { } start)
        {
            foreach (var fence in crossing)
            {
                if (previous.Contains(fence.Id) || containingIds.Contains(fence.Id)
                    || fence.CrossingFractions(start.Location, fix.Location) is not { } path)
                {
                    continue;
                }

                transitions.Add(new(GeofenceTransitionKind.Entered, fence.Id, fence.Kind,
                    Interpolate(start, fix, path.Enter, out var enteredAt), enteredAt));
                if (fence.DistanceToBoundaryMeters(fix.Location) >= hysteresisM)
                {
                    transitions.Add(new(GeofenceTransitionKind.Exited, fence.Id, fence.Kind,
                        Interpolate(start, fix, path.Exit, out var exitedAt), exitedAt));
                }
                else
                {
                    inside.Add(fence.Id);
                }
            }
        }

        var result = inside.ToImmutable();
        return new MembershipUpdate(result, [.. transitions.OrderBy(t => t.At)], AnyDepot(index, result));
    }

    // A loop, not a lambda: a lambda that captured the index would cost every call a closure, the
    // calls that return Outside (most pings) too.
    private static bool AnyDepot(GeofenceIndex index, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (index.TryGet(id, out var fence) && fence.Kind == GeofenceKind.Depot)
            {
                return true;
            }
        }

        return false;
    }

    private static GeoPoint Interpolate(Fix from, Fix to, double fraction, out DateTimeOffset at)
    {
        at = from.At + (to.At - from.At) * fraction;
        var toLon = Longitude.UnwrapNear(to.Location.Lon, from.Location.Lon);
        return new GeoPoint(
            from.Location.Lat + (to.Location.Lat - from.Location.Lat) * fraction,
            Longitude.Normalize(from.Location.Lon + (toLon - from.Location.Lon) * fraction));
    }
}
