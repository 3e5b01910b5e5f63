namespace SupplyChain.Replay.Replaying;

/// <summary>How far a replay has come, reported after each batch and hour.</summary>
/// <param name="HoursDone">Hours of the range finished, with the current one's share as a fraction.</param>
/// <param name="Hours">Hours in the range.</param>
/// <param name="Hour">The hour being replayed.</param>
/// <param name="Posted">Events accepted by the target in this run.</param>
/// <param name="Skipped">Events passed over because an earlier run had posted them.</param>
/// <param name="Throttled">Answers 429 or 503 waited out so far.</param>
internal sealed record ReplayStatus(double HoursDone, int Hours, DateTimeOffset Hour, long Posted, long Skipped, int Throttled);
