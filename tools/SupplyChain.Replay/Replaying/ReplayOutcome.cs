namespace SupplyChain.Replay.Replaying;

/// <summary>What a run did.</summary>
/// <param name="Posted">Events the target accepted in this run.</param>
/// <param name="Skipped">Events an earlier run had already posted (resumed from the progress file).</param>
/// <param name="Batches">Requests accepted.</param>
/// <param name="Throttled">Answers 429 or 503 waited out.</param>
/// <param name="Retried">Other failed attempts tried again.</param>
/// <param name="Unsettled">Waits around a load or unload scan that ran out of patience (<see cref="BindingBarrier"/>).</param>
/// <param name="Elapsed">How long the run took.</param>
/// <param name="AlreadyComplete">True when the progress file said the range was done and nothing was posted.</param>
internal sealed record ReplayOutcome(long Posted, long Skipped, int Batches, int Throttled, int Retried, int Unsettled, TimeSpan Elapsed, bool AlreadyComplete);
