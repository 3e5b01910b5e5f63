using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Audit;

/// <summary><c>GET /api/audit</c> (admin): the audit records, newest first, filtered and paged.</summary>
internal static class AuditApi
{
    /// <summary>Longest accepted filter value (targets are at most <see cref="AuditTarget.MaxLength"/>).</summary>
    private const int MaxFilterLength = AuditTarget.MaxLength;

    private static readonly string[] Parameters = ["from", "to", "account", "action", "target", "limit", "continuation"];

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", List)
            .RequireAuthorization(Roles.AdminPolicy)
            .WithName("ListAuditRecords")
            .WithTags("Audit")
            .WithSummary("Audit records of writes and admin actions, newest first")
            .WithDescription("Filters (all optional): from, to (ISO 8601 times), account, action, target, limit (1 to 1000, default 100), "
                + "continuation (the previous page's token).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>A page of records; <c>Continuation</c> is the token of the next page, null on the last.</summary>
    public sealed record AuditListing(IReadOnlyList<AuditRecordView> Records, string? Continuation);

    /// <summary>A record as the API shows it.</summary>
    public sealed record AuditRecordView(
        string Id, DateTimeOffset At, string Action, string? Target, int Status, string? Account, string? Key, string Role,
        string ClientAddress, string? TraceId, int Requests, long? Events, IReadOnlyList<string>? Sources, int? SourceCount, string? Outcome);

    private static async Task<Results<Ok<AuditListing>, ProblemHttpResult>> List(
        HttpRequest request, IAuditStore store, CancellationToken cancellationToken)
    {
        var (query, problem) = Parse(request.Query);
        if (problem is not null)
        {
            return problem;
        }

        var page = await store.ListAsync(query!, cancellationToken);
        return TypedResults.Ok(new AuditListing([.. page.Records.Select(View)], page.Continuation));
    }

    private static (AuditQuery? Query, ProblemHttpResult? Problem) Parse(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!Parameters.Contains(name, StringComparer.Ordinal))
            {
                return (null, Bad(Shorten(name), $"Unknown parameter '{Shorten(name)}'; the filters are {string.Join(", ", Parameters)}."));
            }

            if (values.Count != 1)
            {
                return (null, Bad(name, $"'{name}' is given {values.Count} times; give it once."));
            }

            if (values[0] is not { Length: > 0 and <= MaxFilterLength } value || value.Any(c => c is < ' ' or > '~'))
            {
                return (null, Bad(name, $"'{name}' must be 1 to {MaxFilterLength} printable ASCII characters."));
            }
        }

        DateTimeOffset? from = null, to = null;
        if (query.TryGetValue("from", out var fromText))
        {
            if (Time(fromText!) is not { } parsedFrom)
            {
                return (null, Bad("from", "'from' must be an ISO 8601 time with an offset, e.g. 2026-12-03T17:00:00Z."));
            }

            from = parsedFrom;
        }

        if (query.TryGetValue("to", out var toText))
        {
            if (Time(toText!) is not { } parsedTo)
            {
                return (null, Bad("to", "'to' must be an ISO 8601 time with an offset, e.g. 2026-12-03T18:00:00Z."));
            }

            to = parsedTo;
        }

        if (from > to)
        {
            return (null, Bad("from", "'from' is later than 'to'."));
        }

        var limit = AuditQuery.DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AuditQuery.MaxLimit))
        {
            return (null, Bad("limit", $"'limit' must be a whole number from 1 to {AuditQuery.MaxLimit}."));
        }

        string? after = null;
        if (query.TryGetValue("continuation", out var token))
        {
            if (!AuditRecordId.IsValid(token!))
            {
                return (null, Bad("continuation", "'continuation' is not a token this API gave; pass the 'continuation' of the previous page as it was."));
            }

            after = token;
        }

        string? Text(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        return (new AuditQuery(from, to, Text("account"), Text("action"), Text("target"), limit, after), null);
    }

    /// <summary>An ISO 8601 time with an explicit offset (a time without one would depend on the silo's time zone).</summary>
    private static DateTimeOffset? Time(string text)
    {
        var clock = text.IndexOf('T', StringComparison.Ordinal);
        var offset = clock > 0 && (text.EndsWith('Z') || text.AsSpan(clock).IndexOfAny('+', '-') > 0);
        return offset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.ToUniversalTime() : null;
    }

    private static ProblemHttpResult Bad(string parameter, string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid audit filter",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    private static string Shorten(string name) => name.Length <= 40 && !name.Any(c => c is < ' ' or > '~') ? name : "(unreadable)";

    private static AuditRecordView View(AuditRecord r) => new(
        r.Id, r.At, r.Action, r.Target, r.Status, r.Account, r.Key, r.Role, r.ClientAddress, r.TraceId, r.Requests, r.Events, r.Sources, r.SourceCount, r.Outcome);
}
