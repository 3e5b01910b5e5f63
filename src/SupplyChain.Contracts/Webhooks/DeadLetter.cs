using SupplyChain.Contracts.Events;

namespace SupplyChain.Contracts.Webhooks;

/// <summary>An event given up on after its last attempt (or dropped from a full queue), kept for re-drive.</summary>
[GenerateSerializer, Immutable, Alias("sc.DeadLetter")]
public sealed record DeadLetter(
    [property: Id(0)] OutboundEvent Event,
    [property: Id(1)] int Attempts,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset At);
