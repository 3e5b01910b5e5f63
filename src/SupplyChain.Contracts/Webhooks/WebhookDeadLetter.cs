using SupplyChain.Contracts.Events;

namespace SupplyChain.Contracts.Webhooks;

/// <summary>
/// A webhook event given up on after its last attempt (or dropped from a full queue), kept for
/// re-drive. (An inbound event the grains could not apply is an ingestion dead letter, another type.)
/// Its alias is the one it had as <c>DeadLetter</c>, so silos of both names understand each other.
/// </summary>
[GenerateSerializer, Immutable, Alias("sc.DeadLetter")]
public sealed record WebhookDeadLetter(
    [property: Id(0)] OutboundEvent Event,
    [property: Id(1)] int Attempts,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset At);
