using SupplyChain.Fuzz.Cases;

namespace SupplyChain.Fuzz.Running;

/// <summary>What became of one case: the status (none when no answer came), how long it took, and the start of the answer.</summary>
internal sealed record CaseOutcome(FuzzCase Case, int? Status, TimeSpan Elapsed, string? Error, string Answer)
{
    /// <summary>The client gave up waiting.</summary>
    public bool TimedOut { get; init; }
}
