namespace SupplyChain.Silo.Audit;

/// <summary>
/// One audited request, or accepted event posts of one caller counted together over a flush interval
/// (<see cref="Requests"/> above 1). Never holds a request body, a key or a secret. Immutable.
/// </summary>
/// <param name="Id">Unique and time ordered, newest first (<see cref="AuditRecordId"/>); the paging cursor.</param>
/// <param name="At">When the request (the first one, for counted posts) arrived.</param>
/// <param name="Action">What was done, from the endpoint's name: <c>geofence.put</c>, <c>events.post</c>.</param>
/// <param name="Target">The resource's id from the route (or a created resource's, from <c>Location</c>), if any.</param>
/// <param name="Status">The HTTP status code answered.</param>
/// <param name="Account">The key's carrier account; null without a key.</param>
/// <param name="Key">The key's id (its name while keys have no id); null without a key.</param>
/// <param name="Role">The key's role, or <c>anonymous</c>.</param>
/// <param name="ClientAddress">The client's address as the rate limits see it (trusted proxies, IPv6 as its /64).</param>
/// <param name="TraceId">The request's W3C trace id, as problem details name it.</param>
/// <param name="Requests">How many requests the record stands for.</param>
/// <param name="Events">Events handed to the streams, for requests that posted events.</param>
/// <param name="Sources">Up to <see cref="EventSummary.MaxSources"/> of the events' distinct CloudEvent sources.</param>
/// <param name="SourceCount">How many distinct sources the events had.</param>
/// <param name="Outcome">For event posts, accepted or why refused (<see cref="EventPostOutcome"/>); null for other requests.</param>
internal sealed record AuditRecord(
    string Id,
    DateTimeOffset At,
    string Action,
    string? Target,
    int Status,
    string? Account,
    string? Key,
    string Role,
    string ClientAddress,
    string? TraceId,
    int Requests,
    long? Events,
    IReadOnlyList<string>? Sources,
    int? SourceCount,
    string? Outcome)
{
    /// <summary>The role of a caller without a (known) key.</summary>
    public const string Anonymous = "anonymous";
}
