using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Routes;

/// <summary>Where a position lies along a route.</summary>
public enum RouteSection
{
    /// <summary>Nearest to the start, on the far side of it from the route.</summary>
    BeforeStart,

    /// <summary>Beside the route somewhere between its ends.</summary>
    Along,

    /// <summary>Nearest to the end, beyond it.</summary>
    AfterEnd,
}

/// <summary>
/// A position projected onto a <see cref="Route"/>. Immutable.
/// </summary>
/// <param name="DistanceAlongM">Metres along the route to the nearest point: 0 before the start, the route's length after the end.</param>
/// <param name="DistanceOffM">Metres from the position to that nearest point (≥ 0).</param>
/// <param name="RemainingM">Metres of route from the nearest point to the end.</param>
/// <param name="Section">Before the start, along, or after the end.</param>
/// <param name="Nearest">The nearest point on the route.</param>
public readonly record struct RouteProjection(
    double DistanceAlongM, double DistanceOffM, double RemainingM, RouteSection Section, GeoPoint Nearest);
