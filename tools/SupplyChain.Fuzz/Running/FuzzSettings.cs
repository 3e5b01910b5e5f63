using SupplyChain.Fuzz.Cases;

namespace SupplyChain.Fuzz.Running;

/// <summary>What a run does: which silo, which seed, which cases, how many at once, and its limits.</summary>
/// <param name="BaseAddress">The silo's base address.</param>
/// <param name="Seed">The seed every case is made from.</param>
/// <param name="FirstCase">The index of the first case (to replay one case: that index and a count of 1).</param>
/// <param name="Count">How many cases.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Keys">The carrier and admin keys.</param>
internal sealed record FuzzSettings(Uri BaseAddress, int Seed, long FirstCase, long Count, int Concurrency, FuzzKeys Keys)
{
    /// <summary>The longest any request may take before it counts as a failure (the client gives up then).</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long accepted valid events have to show up in the shipments and vehicles.</summary>
    public TimeSpan AppliedWithin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Failures the report shows in full (all of them are counted and grouped).</summary>
    public int FailuresShown { get; init; } = 10;
}
