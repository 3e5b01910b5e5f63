namespace SupplyChain.Domain.Shipments;

/// <summary>Why a scan left the status as it was.</summary>
public enum StatusRefusal
{
    /// <summary>The scan was accepted.</summary>
    None,
    /// <summary>The scan happened before the scan that set the current status.</summary>
    OlderThanCurrent,
    /// <summary>The transition table has no such move (for example anything after Delivered).</summary>
    ImpossibleMove,
}

/// <summary>The outcome of <see cref="ShipmentLifecycle.Decide"/>. Immutable.</summary>
/// <param name="Previous">The status before the scan.</param>
/// <param name="Status">The status after the scan.</param>
/// <param name="Refusal">Why the scan did not set the status, or <see cref="StatusRefusal.None"/>.</param>
public readonly record struct StatusDecision(ShipmentStatus Previous, ShipmentStatus Status, StatusRefusal Refusal)
{
    /// <summary>True when the scan sets the status (perhaps to the same value, with a new detail).</summary>
    public bool Applies => Refusal == StatusRefusal.None;

    /// <summary>True when the status value itself changes.</summary>
    public bool Changes => Applies && Previous != Status;

    internal static StatusDecision MoveTo(ShipmentStatus from, ShipmentStatus to) => new(from, to, StatusRefusal.None);

    internal static StatusDecision Refused(ShipmentStatus current, StatusRefusal why) => new(current, current, why);
}
