namespace SupplyChain.Contracts.Webhooks;

/// <summary>
/// One delivery attempt: the event, which attempt it was (1 is the first), the HTTP status or the
/// error, when it was made and, after a failure, when the next attempt is due (null when none is).
/// </summary>
[GenerateSerializer, Immutable, Alias("sc.DeliveryRecord")]
public sealed record DeliveryRecord(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] string Subject,
    [property: Id(3)] int Attempt,
    [property: Id(4)] int? StatusCode,
    [property: Id(5)] string? Error,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] DateTimeOffset? NextAttemptAt)
{
    /// <summary>Whether the attempt delivered the event (a 2xx answer).</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}
