using Microsoft.AspNetCore.Http.HttpResults;
using SupplyChain.Grains.Partitions;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Silo.Ingestion;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.DeadLetters;

/// <summary><c>/api/deadletters</c> (admins re-drive, viewers read): inbound events the grains could not apply, and their re-drive.</summary>
internal static class DeadLettersApi
{
    /// <summary>Most letters one listing returns.</summary>
    internal const int ListLimit = 1000;

    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deadletters").WithTags("Dead letters");
        group.MapGet("/", List)
            .RequireAuthorization(Roles.AdminOrViewerPolicy)
            .WithName("ListDeadLetters")
            .WithSummary("Inbound events that failed every delivery attempt, oldest first, with the reason");
        group.MapPost("/{id}/redrive", Redrive)
            .RequireAuthorization(Roles.AdminPolicy)
            .WithName("RedriveDeadLetter")
            .WithSummary("Send a dead-lettered event through ingestion again; the letter is removed once the stream has it")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// A dead letter as the API shows it. <c>PayloadSha256</c> and <c>PayloadBytes</c> are set when the
    /// event was too large to keep whole (<c>Redrivable</c> is then false); very long keys, sources and
    /// ids are shown shortened.
    /// </summary>
    public sealed record DeadLetterView(
        string Id, string Partition, string Type, string Key, string Source, string EventId, DateTimeOffset EventTime,
        string Reason, int Attempts, DateTimeOffset DeadLetteredAt, bool Redrivable, string? PayloadSha256, int? PayloadBytes);

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
        // Letter ids are the silo's own: 32 lowercase hex digits (InboundDeadLetter.IdOf). Anything else names no letter.
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            return TypedResults.Problem(
                "A dead letter id is 32 lowercase hexadecimal digits.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid dead letter id");
        }

        if (await store.GetAsync(id, cancellationToken) is not { } letter)
        {
            return TypedResults.Problem($"No dead letter '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (letter.Event is not { } e)
        {
            return TypedResults.Problem(
                $"Dead letter '{id}' keeps only the identity of its event, which was too large to store ({letter.PayloadBytes} bytes, SHA-256 {letter.PayloadSha256}); the sender must send it again.",
                statusCode: StatusCodes.Status409Conflict, title: "Not re-drivable");
        }

        try
        {
            await sink.PublishAsync([e], cancellationToken);
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

    private static DeadLetterView View(InboundDeadLetter l) => new(
        l.Id, l.Partition, l.Type, l.Key, l.Source, l.EventId, l.EventTime, l.Reason, l.Attempts, l.At, l.Event is not null, l.PayloadSha256, l.PayloadBytes);
}
