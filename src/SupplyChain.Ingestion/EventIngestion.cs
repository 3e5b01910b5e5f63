using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion;

/// <summary>
/// <c>POST /api/events</c> from body to stream: read, validate every event, check the caller may
/// post for each event's source and write (or claim) each vehicle it names, point each scan at the
/// caller's account's own shipment of its tracking number, and hand the lot to the partition streams. All or nothing: one
/// bad event refuses the request, and the answer lists every bad event. Thread safe.
/// </summary>
public sealed partial class EventIngestion(
    CloudEventRequestReader reader, InboundEventValidator validator, OwnershipDirectory ownership, IInboundEventSink sink,
    ILogger<EventIngestion> logger)
{
    /// <summary>Accepts the request's events and returns how many; throws what the endpoint maps to 4xx/503.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="writer">Who posts: the sources the key may post for and the account the events write for.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <exception cref="IngestionRejectedException">Bad input (4xx).</exception>
    /// <exception cref="EventsNotAcceptedException">The stream provider refused some or all (503); its
    /// <see cref="EventsNotAcceptedException.Accepted"/> are indexes into the request's events, as a request
    /// reaches the streams only when every one of its events is valid.</exception>
    public async Task<int> IngestAsync(HttpRequest request, EventWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        List<EventError>? errors;
        List<InboundEvent> accepted;
        int count;
        using (var received = await reader.ReadAsync(request, cancellationToken))
        {
            count = received.Events.Count;
            errors = received.Errors.Count > 0 ? [.. received.Errors] : null;
            accepted = new List<InboundEvent>(count);
            for (var i = 0; i < count; i++)
            {
                if (received.Events[i] is not { } e)
                {
                    continue;
                }

                if (validator.Validate(e, accepted.Count > 0 ? accepted[^1] : null, out var error) is { } inbound)
                {
                    accepted.Add(inbound);
                }
                else
                {
                    (errors ??= []).Add(new EventError(i, e.Id, error!));
                }
            }
        }

        if (errors is not null)
        {
            errors.Sort((a, b) => a.Index.CompareTo(b.Index));
            var detail = errors.Count == 1
                ? $"Event {errors[0].Index} is invalid: {errors[0].Message} Nothing was accepted."
                : $"{errors.Count} of {count} events are invalid. Nothing was accepted.";
            throw new IngestionRejectedException(StatusCodes.Status400BadRequest, "Invalid events", detail, errors);
        }

        if (Forbidden(accepted, writer.MayPostFor) is { } forbidden)
        {
            throw new IngestionRejectedException(
                StatusCodes.Status403Forbidden,
                "Source not allowed",
                $"This key may not post events with source '{accepted[forbidden[0].Index].Source}'. Nothing was accepted.",
                forbidden);
        }

        if (writer.Account is { } account && await AssignAsync(accepted, account, cancellationToken) is { } foreign)
        {
            throw new IngestionRejectedException(
                StatusCodes.Status403Forbidden,
                "Not this account's",
                foreign.Count == 1
                    ? $"Event {foreign[0].Index}: {foreign[0].Message} Nothing was accepted."
                    : $"{foreign.Count} events write what this account may not. Nothing was accepted.",
                foreign);
        }

        // On the request's own span: a span of ours per request beside it doubled what tracing cost
        // a single-ping request (about 600 bytes and an execution-context switch) and what a tracing
        // backend bills, and told nothing the request's span does not.
        if (Activity.Current is { IsAllDataRequested: true } span)
        {
            span.SetTag("supplychain.events", accepted.Count);
        }

        try
        {
            await sink.PublishAsync(accepted, cancellationToken);
        }
        catch (EventsNotAcceptedException refused)
        {
            RecordAccepted(refused.Accepted.Select(i => accepted[i]));
            throw;
        }

        RecordAccepted(accepted);
        return accepted.Count;
    }

    /// <summary>
    /// Points the scans at the account's shipments and returns the events that write another account's
    /// things. Owners live in grain storage: while it cannot answer, nothing is accepted, as when the
    /// streams refuse (503, send again later).
    /// </summary>
    private async Task<List<EventError>?> AssignAsync(List<InboundEvent> events, string account, CancellationToken cancellationToken)
    {
        try
        {
            return await ownership.AssignAsync(events, account);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogOwnershipUnavailable(ex, events.Count);
            throw new EventsNotAcceptedException("Who owns these shipments and vehicles cannot be checked right now.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The owners of {Count} events could not be checked; the request is refused with 503")]
    private partial void LogOwnershipUnavailable(Exception exception, int count);

    private static void RecordAccepted(IEnumerable<InboundEvent> events)
    {
        int scans = 0, pings = 0;
        foreach (var e in events)
        {
            _ = e is ScanReceived ? scans++ : pings++;
        }

        if (scans > 0)
        {
            IngestionTelemetry.RecordAccepted(EventTypes.ItemScanned, scans);
        }

        if (pings > 0)
        {
            IngestionTelemetry.RecordAccepted(EventTypes.GpsPing, pings);
        }
    }

    /// <summary>The events whose source the caller may not post for, or null when it may post them all.</summary>
    private static List<EventError>? Forbidden(List<InboundEvent> events, Func<string, bool> mayPostFor)
    {
        // A request's events nearly always share one source: it is checked once per run of it.
        List<EventError>? forbidden = null;
        string? allowed = null;
        for (var i = 0; i < events.Count; i++)
        {
            var source = events[i].Source;
            if (source == allowed)
            {
                continue;
            }

            if (mayPostFor(source))
            {
                allowed = source;
            }
            else
            {
                (forbidden ??= []).Add(new EventError(i, events[i].Id, $"source '{source}' is not allowed for this key."));
            }
        }

        return forbidden;
    }
}
