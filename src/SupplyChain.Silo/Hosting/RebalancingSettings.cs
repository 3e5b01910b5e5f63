namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Orleans' activation rebalancer, bound from <c>SupplyChain:Cluster:Rebalancing</c>. Placement spreads
/// new activations over the silos that exist when they are made; a silo that joins later (a scale-out)
/// gets only new ones, and vehicles live as long as they keep pinging. With <see cref="Enabled"/>, one
/// rebalancer per cluster compares the silos' activation counts and memory every
/// <see cref="CyclePeriod"/> and moves activations (vehicle state and all, without a storage round
/// trip) from the fullest silos to the emptiest until the spread is even. Experimental in Orleans 10
/// (<c>ORLEANSEXP002</c>); measured in docs/kubernetes.md ("Sizing").
/// </summary>
public sealed class RebalancingSettings
{
    /// <summary>Default of <see cref="DueTime"/>: Orleans' own, one minute.</summary>
    public static readonly TimeSpan DefaultDueTime = TimeSpan.FromMinutes(1);

    /// <summary>Default of <see cref="CyclePeriod"/>: Orleans' own, 15 s.</summary>
    public static readonly TimeSpan DefaultCyclePeriod = TimeSpan.FromSeconds(15);

    /// <summary>Shortest <see cref="CyclePeriod"/>: twice the period at which silos publish their load (1 s), as Orleans requires.</summary>
    public static readonly TimeSpan MinimumCyclePeriod = TimeSpan.FromSeconds(2);

    /// <summary>Whether the rebalancer runs (default false: new silos take only new activations).</summary>
    public bool Enabled { get; set; }

    /// <summary>How long after the cluster starts the first rebalancing session may begin (default 1 minute).</summary>
    public TimeSpan DueTime { get; set; } = DefaultDueTime;

    /// <summary>Time between two rebalancing steps of a session (default 15 s, at least 2 s).</summary>
    public TimeSpan CyclePeriod { get; set; } = DefaultCyclePeriod;
}
