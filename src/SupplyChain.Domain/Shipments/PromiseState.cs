namespace SupplyChain.Domain.Shipments;

/// <summary>
/// What the promise rules remember about one shipment: which promise they watch, whether the ETA
/// is past it now, how many at-risk spells there were, and whether it was broken. Immutable; plain
/// data, so a shipment can persist it as is.
/// </summary>
public sealed record PromiseState
{
    /// <summary>Before any promise or estimate.</summary>
    public static PromiseState Initial { get; } = new();

    /// <summary>The promised delivery time these flags are about; a new promise starts afresh.</summary>
    public DateTimeOffset? PromisedBy { get; init; }

    /// <summary>True while the ETA is past the promise by more than the margin (DeliveryAtRisk raised).</summary>
    public bool AtRisk { get; init; }

    /// <summary>At-risk spells so far: each raise starts one, so their events have distinct ids.</summary>
    public int AtRiskSpells { get; init; }

    /// <summary>True once the promised time passed undelivered (DeliveryLate raised).</summary>
    public bool Late { get; init; }
}
