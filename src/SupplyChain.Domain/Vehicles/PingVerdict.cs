namespace SupplyChain.Domain.Vehicles;

/// <summary>What a vehicle does with a ping.</summary>
public enum PingVerdict
{
    /// <summary>A plausible new fix: it becomes the vehicle's position.</summary>
    Accepted,
    /// <summary>The same ping again (same CloudEvent source and id, or the same time and place).</summary>
    Duplicate,
    /// <summary>Not newer than the vehicle's latest fix.</summary>
    Stale,
    /// <summary>Reaching it from the latest fix would need more than the maximum plausible speed.</summary>
    Jump,
    /// <summary>The device's own accuracy is worse than the configured limit.</summary>
    Inaccurate,
}
