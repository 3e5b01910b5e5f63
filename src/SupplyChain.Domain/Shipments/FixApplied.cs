using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Routes;

namespace SupplyChain.Domain.Shipments;

/// <summary>What a vehicle's fix did to a shipment (see <see cref="Shipment.ApplyFix"/>). Immutable.</summary>
/// <param name="Taken">False when the fix was not the shipment's (outside its spells) or older than one already taken.</param>
/// <param name="Moved">True when the fix is now the shipment's latest position.</param>
/// <param name="Changed">True when state worth a storage write changed without raising anything (the corridor's state, the arrival).</param>
/// <param name="Breach">The route corridor was left, once per excursion.</param>
/// <param name="Recalculated">The ETA moved by at least the change threshold.</param>
/// <param name="ArrivingSoon">The arrival came within the window, once per shipment.</param>
public sealed record FixApplied(
    bool Taken, bool Moved, bool Changed, CorridorBreach? Breach, EtaRecalculated? Recalculated, ArrivingSoon? ArrivingSoon)
{
    /// <summary>A fix that is not the shipment's.</summary>
    public static FixApplied NotTaken { get; } = new(false, false, false, null, null, null);

    /// <summary>What the fix's estimate (or its time) did to the delivery promise; null without a plan.</summary>
    public PromiseStep? Promise { get; init; }

    /// <summary>True when the fix raised a decision an outbound event announces.</summary>
    public bool Raised => Breach is not null || Recalculated is not null || ArrivingSoon is not null
        || Promise is { AtRisk: not null } or { BackOnTrack: not null } or { Broken: not null };
}
