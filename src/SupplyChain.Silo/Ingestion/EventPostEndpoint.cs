using System.Buffers.Text;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupplyChain.Ingestion;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Silo.Audit;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Ingestion;

/// <summary>
/// Takes an admitted event post: holds it to the key's events per second (<see cref="EventBudget"/>),
/// refusing before the body is read while the key is over its budget, ingests it, charges the events
/// it got accepted (those of a request the streams took only part of too) and answers. A plain
/// request delegate on singletons: a device's single ping pays for no parameter binding, filter
/// chain or request scope.
/// </summary>
internal sealed class EventPostEndpoint(
    EventIngestion ingestion,
    EventBudget budget,
    IOptions<RateLimitOptions> limits,
    IProblemDetailsService problems)
{
    /// <summary>The answer to an accepted request.</summary>
    public sealed record AcceptedEvents(int Accepted);

    public async Task PostAsync(HttpContext context)
    {
        Caller? caller = limits.Value.Enabled ? Caller.Of(context) : null;
        if (caller is { } limited && budget.Check(limited) is { } refusal)
        {
            await refusal.WriteAsync(context);
            return;
        }

        int accepted;
        ProblemDetails problem;
        try
        {
            accepted = await ingestion.IngestAsync(context.Request, SourcePermissions.WriterOf(context.User), context.RequestAborted);
            Charge(caller, accepted);
            await WriteAcceptedAsync(context.Response, accepted, context.RequestAborted);
            return;
        }
        catch (IngestionRejectedException rejected)
        {
            problem = Rejection(rejected);
        }
        catch (EventsNotAcceptedException refused)
        {
            Charge(caller, refused.Accepted.Count);
            problem = Refusal(context, refused);
        }

        await ProblemWriter.WriteAsync(problems, context, problem);
    }

    /// <summary>
    /// Answers <c>202 {"accepted":N}</c> (the JSON of <see cref="AcceptedEvents"/>) with its length and
    /// in one write: the serializer would send it chunked, so headers, body and the closing chunk each
    /// took the connection's lock, against the thread sending the previous answer.
    /// </summary>
    private static async Task WriteAcceptedAsync(HttpResponse response, int accepted, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status202Accepted;
        response.ContentType = "application/json; charset=utf-8";
        WriteAccepted(response, accepted);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    private static void WriteAccepted(HttpResponse response, int accepted)
    {
        Span<byte> count = stackalloc byte[11];
        Utf8Formatter.TryFormat(accepted, count, out var digits);
        ReadOnlySpan<byte> head = "{\"accepted\":"u8;
        response.ContentLength = head.Length + digits + 1;
        var body = response.BodyWriter.GetSpan(head.Length + digits + 1);
        head.CopyTo(body);
        count[..digits].CopyTo(body[head.Length..]);
        body[head.Length + digits] = (byte)'}';
        response.BodyWriter.Advance(head.Length + digits + 1);
    }

    private void Charge(Caller? caller, int events)
    {
        if (caller is { } limited && events > 0)
        {
            budget.Charge(limited, events);
        }
    }

    private static ProblemDetails Rejection(IngestionRejectedException rejected)
    {
        if (EventSummary.Current is { } summary)
        {
            summary.Outcome = EventPostOutcome.Of(rejected);
        }

        IngestionTelemetry.RecordRejected(rejected.Status switch
        {
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status413PayloadTooLarge => "too_large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
            _ => "invalid",
        });
        var problem = new ProblemDetails { Status = rejected.Status, Title = rejected.Title, Detail = rejected.Message };
        if (rejected.Errors.Count > 0)
        {
            problem.Extensions["errors"] = rejected.Errors;
        }

        return problem;
    }

    private static ProblemDetails Refusal(HttpContext context, EventsNotAcceptedException refused)
    {
        IngestionTelemetry.RecordRejected("unavailable");
        context.Response.Headers.RetryAfter = EventsApi.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var detail = refused.Accepted.Count == 0
            ? $"{refused.Message} None of the request's events was accepted; send it again later."
            : $"{refused.Message} The events listed in 'accepted' (by index) were accepted and will be applied; the others were not. "
                + "Send the request again later: events already accepted are applied once.";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Events not accepted",
            Detail = detail,
            Extensions = { ["accepted"] = refused.Accepted },
        };
    }
}
