using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Motion;

/// <summary>
/// What the motion rules remember about one vehicle between fixes. Immutable; a new state is
/// returned by <see cref="MotionDetector.Next"/>. Plain data, so it can be persisted as is. A value:
/// every ping of every vehicle makes one, and as an object it was two allocations per ping
/// (docs/benchmarks.md, "A warm silo").
/// </summary>
public readonly record struct MotionState
{
    /// <summary>The state before any fix.</summary>
    public static MotionState Initial => default;

    /// <summary>The latest fix applied.</summary>
    public Fix? LastFix { get; init; }

    /// <summary>First fix of the current stop: every later fix stayed within the radius of it.</summary>
    public Fix? Anchor { get; init; }

    /// <summary>Within the current stop, when the latest unbroken run outside every depot began.</summary>
    public DateTimeOffset? OutsideDepotSince { get; init; }

    /// <summary>True once NoMovementDetected was raised for the current stop.</summary>
    public bool Reported { get; init; }

    /// <summary>
    /// When the current stop began, once it has lasted <see cref="TrackingOptions.StopMinDuration"/>;
    /// null while the vehicle counts as moving.
    /// </summary>
    public DateTimeOffset? StoppedSince { get; init; }

    /// <summary>
    /// True after a fix unless the vehicle has stayed within the no-movement radius for at least
    /// <see cref="TrackingOptions.StopMinDuration"/>. False before the first fix.
    /// </summary>
    public bool Moving => LastFix is not null && StoppedSince is null;
}
