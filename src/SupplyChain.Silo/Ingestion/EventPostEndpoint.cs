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
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
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
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            await context.Response.WriteAsJsonAsync(new AcceptedEvents(accepted), json.Value.SerializerOptions, context.RequestAborted);
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
