namespace SupplyChain.Silo.Hosting;

/// <summary>
/// How fast a dead silo is declared dead, bound from <c>SupplyChain:Cluster:Membership</c>.
/// Each silo probes a few others every <see cref="ProbeTimeout"/>; after
/// <see cref="NumMissedProbesLimit"/> missed probes it suspects the target, and
/// <see cref="NumVotesForDeathDeclaration"/> suspicions declare it dead in the membership table.
/// The defaults (2 s, 2, 1) declare a <c>kill -9</c>'d silo dead in about 4-6 s, so its queues
/// are pulled by the others well within 10 s. The price: one silo alone, after two missed probes
/// (a 4 s GC pause, a saturated CPU, a network blip), can evict a healthy peer, which then
/// restarts and loses its activations. Raise the limits where pauses are common (larger
/// heaps, overloaded nodes); Orleans' own defaults are 5 s, 3 and 2.
/// </summary>
public sealed class MembershipSettings
{
    /// <summary>Default of <see cref="ProbeTimeout"/>: 2 s.</summary>
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Default of <see cref="NumMissedProbesLimit"/>.</summary>
    public const int DefaultNumMissedProbesLimit = 2;

    /// <summary>Default of <see cref="NumVotesForDeathDeclaration"/>.</summary>
    public const int DefaultNumVotesForDeathDeclaration = 1;

    /// <summary>Period and timeout of one liveness probe (default 2 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = DefaultProbeTimeout;

    /// <summary>Missed probes after which a silo votes its target dead (default 2).</summary>
    public int NumMissedProbesLimit { get; set; } = DefaultNumMissedProbesLimit;

    /// <summary>Votes that declare a silo dead (default 1).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = DefaultNumVotesForDeathDeclaration;

    /// <summary>
    /// How long after a silo is declared dead its grains, and the grains whose directory entries it
    /// held, may not activate elsewhere (default none). Orleans holds them back in case the silo only
    /// looked dead and still runs them; with these probe settings its own lease would be 14 s, in
    /// which every partition message holding one of those vehicles waits, so the whole fleet's live
    /// map stalls after a crash and a retried event nears the dead-letter limit (about 15 s). Without
    /// it, a silo wrongly declared dead could run a grain beside its new activation until it learns
    /// of its death; their stored state is written under ETags, so the stale one's write is refused
    /// and it deactivates. Set it where a second activation must never run.
    /// </summary>
    public TimeSpan DeadSiloLease { get; set; } = TimeSpan.Zero;
}
