namespace SupplyChain.Domain.Eta;

/// <summary>The vehicle's visit to one of the plan's stops, in event time. Immutable plain data, so it can be persisted as is.</summary>
/// <param name="Stop">The stop's index in <see cref="EtaPlan.Stops"/>.</param>
/// <param name="ReachedAt">When the vehicle reached it: the facility arrival's time, or the first fix within reach.</param>
/// <param name="LeftAt">When it left: the facility departure's time, or the first fix out of reach; null while there.</param>
public sealed record StopVisit(int Stop, DateTimeOffset ReachedAt, DateTimeOffset? LeftAt = null);
