namespace SupplyChain.Domain.Shipments;

/// <summary>Where a delivery stands against its promised time, as readers see it.</summary>
public enum PromiseStatus
{
    /// <summary>No estimate past the promise by more than the margin, and the promised time not passed.</summary>
    OnTrack,

    /// <summary>The latest estimate is past the promise by more than the margin (until back within the hysteresis).</summary>
    AtRisk,

    /// <summary>The promised time passed undelivered.</summary>
    Late,
}
