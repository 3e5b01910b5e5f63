using System.Text.Json.Serialization;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Silo.Events;

namespace SupplyChain.Silo.Webhooks;

/// <summary>
/// A subscription as the API shows it. <see cref="Secret"/> is set only in the answer that created
/// it; the delivery state only when one subscription is read.
/// </summary>
public sealed record SubscriptionResponse(
    string Id,
    string Url,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> TrackingNumbers,
    IReadOnlyList<string> VehicleIds,
    string? Description,
    bool Enabled,
    DateTimeOffset CreatedAt,
    SubscriptionOwner Owner)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisabledReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastSuccessAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FailingSince { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Pending { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? NextAttemptAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DeadLetters { get; init; }

    /// <summary>While a rotated-out secret still signs deliveries beside the current one: when it stops.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <summary>The event families taken besides <see cref="Types"/>.</summary>
    public IReadOnlyList<string> Families { get; init; } = [];

    /// <summary>The facilities events must name; empty for anywhere.</summary>
    public IReadOnlyList<string> FacilityIds { get; init; } = [];

    public static SubscriptionResponse From(SubscriptionEntry e) => new(
        e.Id, e.Definition.Url, e.Definition.Types, e.Definition.TrackingNumbers, e.Definition.VehicleIds,
        e.Definition.Description, e.Enabled, e.CreatedAt, e.Definition.Owner)
    {
        Families = e.Definition.Families ?? [],
        FacilityIds = e.Definition.FacilityIds ?? [],
    };

    public static SubscriptionResponse From(SubscriptionView v) => From(v.Entry) with
    {
        DisabledReason = v.DisabledReason,
        LastSuccessAt = v.LastSuccessAt,
        FailingSince = v.FailingSince,
        Pending = v.Pending,
        NextAttemptAt = v.NextAttemptAt,
        DeadLetters = v.DeadLetters,
        PreviousSecretExpiresAt = v.PreviousSecretExpiresAt,
    };
}

/// <summary>One delivery attempt as <c>/deliveries</c> lists it.</summary>
public sealed record DeliveryResponse(
    string EventId, string Type, string Subject, int Attempt, int? StatusCode, string? Error, DateTimeOffset At,
    DateTimeOffset? NextAttemptAt, bool Delivered)
{
    public static DeliveryResponse From(DeliveryRecord r) =>
        new(r.EventId, r.Type, r.Subject, r.Attempt, r.StatusCode, r.Error, r.At, r.NextAttemptAt, r.Delivered);
}

/// <summary>A dead letter: the event, the attempts made, why it was given up, when.</summary>
public sealed record DeadLetterResponse(CloudEventResponse Event, int Attempts, string Reason, DateTimeOffset At)
{
    public static DeadLetterResponse From(WebhookDeadLetter d) => new(CloudEventResponse.From(d.Event), d.Attempts, d.Reason, d.At);
}

/// <summary>The optional body of a re-drive: which dead letters (all when absent).</summary>
public sealed record RedriveRequest(IReadOnlyList<string>? EventIds);

/// <summary>How many dead letters were queued again.</summary>
public sealed record RedriveResponse(int Redriven);
