using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Eta;

/// <summary>Decision: announce a new ETA (<c>SupplyChain.ETARecalculated</c>). Immutable.</summary>
/// <param name="Eta">The new estimate.</param>
/// <param name="PreviousEta">The ETA announced before; null for the first estimate.</param>
/// <param name="OriginalEta">The first ETA announced.</param>
/// <param name="RemainingKm">Distance still to go, km.</param>
/// <param name="At">Event time of the fix that caused it.</param>
public sealed record EtaRecalculated(DateTimeOffset Eta, DateTimeOffset? PreviousEta, DateTimeOffset OriginalEta, double RemainingKm, DateTimeOffset At);

/// <summary>Decision: the shipment is within the arriving-soon window (<c>SupplyChain.ArrivingSoon</c>). Immutable.</summary>
/// <param name="Eta">The current estimate.</param>
/// <param name="RemainingKm">Distance still to go, km.</param>
/// <param name="At">Event time of the fix that caused it.</param>
public sealed record ArrivingSoon(DateTimeOffset Eta, double RemainingKm, DateTimeOffset At);

/// <summary>Decision: the vehicle is inside the destination radius. Immutable.</summary>
/// <param name="Location">The fix inside the radius.</param>
/// <param name="At">Its event time.</param>
public sealed record ArrivedAtDestination(GeoPoint Location, DateTimeOffset At);

/// <summary>The outcome of one fix; each decision is null when not taken.</summary>
/// <param name="State">The state to keep.</param>
/// <param name="Estimate">This fix's estimate (announced or not); the fix's time on arrival; null after arrival or for an ignored fix.</param>
/// <param name="RemainingM">Metres still to go by this fix.</param>
/// <param name="Recalculated">Set when the estimate is the first or moved by at least the change threshold.</param>
/// <param name="ArrivingSoon">Set once, on the first estimate within the window.</param>
/// <param name="Arrived">Set once, on the first fix inside the destination radius.</param>
public sealed record EtaStep(
    EtaState State, DateTimeOffset? Estimate, double RemainingM, EtaRecalculated? Recalculated, ArrivingSoon? ArrivingSoon,
    ArrivedAtDestination? Arrived);
