using SupplyChain.Ingestion.Reading;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// The outcome an audit record gives an event post: one short word per reason a post is accepted or
/// refused, so that an investigation filters on it rather than on problem texts. The events endpoint
/// names the refusals it makes itself (<see cref="Of(IngestionRejectedException)"/>); what others
/// answer before it runs (no key, the rate limits) goes by status (<see cref="Of(int)"/>).
/// </summary>
internal static class EventPostOutcome
{
    public const string Accepted = "accepted";
    public const string Unauthenticated = "unauthenticated";
    public const string RoleNotAllowed = "role_not_allowed";
    public const string SourceNotAllowed = "source_not_allowed";
    public const string NotOwner = "not_owner";
    public const string Invalid = "invalid";
    public const string TooLarge = "too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string Failed = "failed";

    /// <summary>The problem title of ingestion's refusal for another account's shipments or vehicles.</summary>
    private const string NotOwnerTitle = "Not this account's";

    /// <summary>The outcome of a refusal the events endpoint answered.</summary>
    public static string Of(IngestionRejectedException rejected) => rejected.Status switch
    {
        StatusCodes.Status403Forbidden => rejected.Title == NotOwnerTitle ? NotOwner : SourceNotAllowed,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        _ => Invalid,
    };

    /// <summary>The outcome of an answer by its status, for answers the events endpoint did not name.</summary>
    public static string Of(int status) => status switch
    {
        >= 200 and < 300 => Accepted,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => RoleNotAllowed,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        >= 400 and < 500 => Invalid,
        _ => Failed,
    };
}
