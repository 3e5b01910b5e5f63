using Microsoft.AspNetCore.Http.HttpResults;
using SupplyChain.Ingestion;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Silo.Audit;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Ingestion;

/// <summary><c>POST /api/events</c>: CloudEvents from carriers and devices.</summary>
internal static class EventsApi
{
    /// <summary>How long a client should wait before retrying when the streams refuse events.</summary>
    internal const int RetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", PostEvents)
            .RequireAuthorization(Roles.CarrierOrAdminPolicy)
            .AddEndpointFilter<EventRateFilter>()
            .WithName("PostEvents")
            .WithMetadata(SummarizedEventPost.Instance)
            .WithTags("Ingestion")
            .WithSummary("Post CloudEvents (structured, batched or binary mode)")
            .WithDescription("Content-Type application/cloudevents+json (one event), application/cloudevents-batch+json "
                + "(a JSON array) or application/json with ce-* headers (binary mode). The body is read by the endpoint "
                + "itself so that any other content type gets a 415 problem naming the modes.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>The answer to an accepted request.</summary>
    public sealed record AcceptedEvents(int Accepted);

    private static async Task<Results<Accepted<AcceptedEvents>, ProblemHttpResult>> PostEvents(
        HttpContext context, EventIngestion ingestion, CancellationToken cancellationToken)
    {
        try
        {
            var count = await ingestion.IngestAsync(context.Request, SourcePermissions.WriterOf(context.User), cancellationToken);
            return TypedResults.Accepted((string?)null, new AcceptedEvents(count));
        }
        catch (IngestionRejectedException rejected)
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
            return TypedResults.Problem(
                rejected.Message,
                statusCode: rejected.Status,
                title: rejected.Title,
                extensions: rejected.Errors.Count == 0 ? null : new Dictionary<string, object?> { ["errors"] = rejected.Errors });
        }
        catch (EventsNotAcceptedException refused)
        {
            IngestionTelemetry.RecordRejected("unavailable");
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var detail = refused.Accepted.Count == 0
                ? $"{refused.Message} None of the request's events was accepted; send it again later."
                : $"{refused.Message} The events listed in 'accepted' (by index) were accepted and will be applied; the others were not. "
                    + "Send the request again later: events already accepted are applied once.";
            return TypedResults.Problem(
                detail,
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Events not accepted",
                extensions: new Dictionary<string, object?> { ["accepted"] = refused.Accepted });
        }
    }
}
