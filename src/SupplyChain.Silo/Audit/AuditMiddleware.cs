using System.Diagnostics;
using System.Security.Claims;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Records every request under <c>/api</c> that is not a read (anything but GET, HEAD and OPTIONS),
/// whatever its answer: it runs before authentication, rate limiting and the exception handler, so
/// refusals (401, 403, 429) and failures are recorded with the status the caller got. Who is read
/// from the claims once the request is done; what, from the endpoint's name
/// (<see cref="AuditAction"/>); never the body. An event post (<see cref="SummarizedEventPost"/>) also
/// gets its events, sources and outcome (<see cref="EventSummary"/>), noted as the endpoint reads them.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditBuffer buffer, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsAudited(request))
        {
            await next(context);
            return;
        }

        var at = time.GetUtcNow();
        // Taken now: the exception handler clears the endpoint and route values before it re-executes.
        var endpoint = context.GetEndpoint();
        var action = AuditAction.Of(endpoint, request.Method);
        var target = AuditTarget.Of(endpoint, request);
        // Its id is made only for a record that keeps it: most accepted event posts are counted into an earlier one.
        var activity = Activity.Current;
        var eventPost = endpoint?.Metadata.GetMetadata<SummarizedEventPost>() is not null;
        var summary = new EventSummary();
        EventSummary.Current = summary;
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            Record(context, at, action, target ?? AuditTarget.Created(context.Response), status, activity, summary, eventPost);
        }
    }

    private static bool IsAudited(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);

    private void Record(
        HttpContext context, DateTimeOffset at, string action, string? target, int status, Activity? activity, EventSummary summary, bool eventPost)
    {
        var (account, key, role) = Who(context.User);
        if (eventPost && !summary.Read && context.Request.Headers["ce-source"] is [{ Length: > 0 } named])
        {
            summary.Named(named);
        }

        var posted = summary.Events > 0 || summary.Sources.Count > 0;
        var sources = posted ? Printable(summary.Sources) : null;
        var outcome = eventPost ? summary.Outcome ?? EventPostOutcome.Of(status) : null;
        var address = ClientAddress.Of(context.Connection.RemoteIpAddress);
        AuditRecord Made() => new(
            AuditRecordId.Create(at), at, action, target, status, account, key, role, address, activity?.Id ?? context.TraceIdentifier,
            Requests: 1, summary.Events, sources, posted ? summary.SourceCount : null, outcome);

        if (posted && status is >= 200 and < 300)
        {
            var tally = new EventPostTally(action, status, account, key, role, address, string.Join('\n', sources!), summary.SourceCount, outcome);
            if (!buffer.TryCount(tally, summary.Events ?? 0))
            {
                buffer.AddEventPost(tally, Made());
            }
        }
        else
        {
            buffer.Add(Made());
        }
    }

    /// <summary>The sources as a record may keep them; in place, as the summary ends with its request.</summary>
    private static List<string> Printable(List<string> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            sources[i] = AuditTarget.Printable(sources[i]) ?? string.Empty;
        }

        return sources;
    }

    private static (string? Account, string? Key, string Role) Who(ClaimsPrincipal user)
    {
        if (user.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return (null, null, AuditRecord.Anonymous);
        }

        if (identity is KeyIdentity key)
        {
            return (key.Account, key.KeyId, key.Role);
        }

        var role = string.Join(',', user.FindAll(identity.RoleClaimType).Select(c => c.Value));
        return (user.AccountId(), user.KeyId(), role.Length > 0 ? role : "none");
    }
}
