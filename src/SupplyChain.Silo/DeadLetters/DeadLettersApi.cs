using Microsoft.AspNetCore.Http.HttpResults;
using SupplyChain.Grains.Ingestion;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Silo.Ingestion;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.DeadLetters;

/// <summary><c>/api/deadletters</c> (admin): inbound events the grains could not apply, and their re-drive.</summary>
internal static class DeadLettersApi
{
    /// <summary>Most letters one listing returns.</summary>
    internal const int ListLimit = 1000;

    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deadletters").RequireAuthorization(Roles.AdminPolicy).WithTags("Dead letters");
        group.MapGet("/", List)
            .WithName("ListDeadLetters")
            .WithSummary("Inbound events that failed every delivery attempt, oldest first, with the reason");
        group.MapPost("/{id}/redrive", Redrive)
            .WithName("RedriveDeadLetter")
            .WithSummary("Send a dead-lettered event through ingestion again; the letter is removed once the stream has it")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>A dead letter as the API shows it.</summary>
    public sealed record DeadLetterView(
        string Id, string Partition, string Type, string Key, string Source, string EventId, DateTimeOffset EventTime,
        string Reason, int Attempts, DateTimeOffset DeadLetteredAt);

    /// <summary>The answer to a re-drive.</summary>
    public sealed record Redriven(string Id);

    private static async Task<Ok<DeadLetterView[]>> List(IDeadLetterStore store, CancellationToken cancellationToken)
    {
        var letters = await store.ListAsync(ListLimit, cancellationToken);
        return TypedResults.Ok(letters.Select(View).ToArray());
    }

    private static async Task<Results<Accepted<Redriven>, ProblemHttpResult>> Redrive(
        string id, HttpContext context, IDeadLetterStore store, IInboundEventSink sink, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } letter)
        {
            return TypedResults.Problem($"No dead letter '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        try
        {
            await sink.PublishAsync([letter.Event], cancellationToken);
        }
        catch (EventsNotAcceptedException refused)
        {
            context.Response.Headers.RetryAfter = EventsApi.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(refused.Message + " The letter is kept; retry later.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not re-driven");
        }

        // Removed only after the stream has the event: a failure in between re-drives it twice, and the grains drop the copy.
        await store.RemoveAsync(id, cancellationToken);
        return TypedResults.Accepted((string?)null, new Redriven(id));
    }

    private static DeadLetterView View(DeadLetter l) => new(
        l.Id, l.Partition, l.Event.GetType().Name, l.Event.Key, l.Event.Source, l.Event.Id, l.Event.Time, l.Reason, l.Attempts, l.At);
}
