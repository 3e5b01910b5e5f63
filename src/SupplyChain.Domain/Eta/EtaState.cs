using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Eta;

/// <summary>
/// What the ETA rules remember about one shipment between fixes. Immutable plain data, so it can
/// be persisted as is; a new state comes from <see cref="EtaEstimator.Next"/>.
/// </summary>
public sealed record EtaState
{
    /// <summary>The state before any fix.</summary>
    public static EtaState Initial { get; } = new();

    /// <summary>The latest fix applied.</summary>
    public Fix? LastFix { get; init; }

    /// <summary>The smoothed speed in m/s the ETA uses while moving; null before the first measured interval.</summary>
    public double? SpeedMps { get; init; }

    /// <summary>The first of the two smoothing stages behind <see cref="SpeedMps"/>, m/s.</summary>
    public double? InnerSpeedMps { get; init; }

    /// <summary>The ETA last announced (the shipment's <c>eta</c>).</summary>
    public DateTimeOffset? Eta { get; init; }

    /// <summary>The first ETA ever announced (the shipment's <c>originalEta</c>).</summary>
    public DateTimeOffset? OriginalEta { get; init; }

    /// <summary>True once ArrivingSoon was raised.</summary>
    public bool ArrivingSoonSent { get; init; }

    /// <summary>True once the vehicle was inside the destination radius; no ETA decisions follow.</summary>
    public bool Arrived { get; init; }
}
