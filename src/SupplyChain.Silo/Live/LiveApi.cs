using SupplyChain.Contracts.Streams;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Silo.Events;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Security;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Live;

/// <summary>
/// Server-Sent Events: one shipment's events for its customer, and the ops feed. Each
/// subscriber registers with exactly the grains whose events it asked for (one shipment, or
/// each partition for ops), so no single grain fans out every event of the platform.
/// </summary>
internal static class LiveApi
{
    /// <summary>A keep-alive event every so often lets proxies and browsers see a live connection.</summary>
    internal static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(15);

    internal const string HeartbeatType = "heartbeat";

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/shipments/{trackingNumber}/live", ShipmentFeed)
            .AddEndpointFilter<LiveConnectionFilter>()
            .WithTags("Live")
            .WithName("GetShipmentLive")
            .WithSummary("The shipment's events as Server-Sent Events: the history first (after Last-Event-ID when given), then live");
        app.MapGet("/api/ops/live", OpsFeed)
            .RequireAuthorization(Roles.AdminOrViewerPolicy)
            .AddEndpointFilter<LiveConnectionFilter>()
            .WithTags("Live")
            .WithName("GetOpsLive")
            .WithSummary("Every outbound event of the platform as Server-Sent Events, for the ops map");
        return app;
    }

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> ShipmentFeed(
        string trackingNumber, string? token, string? carrier, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time,
        IOptions<JsonOptions> json, ShipmentAudience audience, CancellationToken cancellationToken)
    {
        if (ShipmentsApi.CheckAddress(trackingNumber, carrier) is { } invalid)
        {
            return invalid;
        }

        var reader = await audience.ReaderAsync(user, trackingNumber, token, carrier);
        if (reader.Key is not { } key || await grains.GetGrain<IShipmentGrain>(key).GetEvents() is null)
        {
            return ShipmentsApi.Unreadable(reader, trackingNumber);
        }

        var shipment = grains.GetGrain<IShipmentGrain>(key);

        var lastEventId = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        var view = reader.Full ? null : new Func<OutboundEvent, CloudEventResponse?>(e => reader.View(e, trackingNumber));
        return TypedResults.ServerSentEvents(Stream(grains, [shipment], () => shipment.GetEvents()!, lastEventId, time, json.Value.SerializerOptions, view, cancellationToken));
    }

    private static ServerSentEventsResult<string> OpsFeed(
        IGrainFactory grains, IOptions<StreamOptions> streams, TimeProvider time, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        ILiveFeedSource[] partitions = grains.GetPartitions(streams.Value.Partitions);
        return TypedResults.ServerSentEvents(Stream(grains, partitions, history: null, lastEventId: null, time, json.Value.SerializerOptions, view: null, cancellationToken));
    }

    /// <summary>
    /// Registers first and reads the history second, so nothing raised in between is missed;
    /// an event in both is sent once.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Stream(
        IGrainFactory grains,
        IReadOnlyList<ILiveFeedSource> sources,
        Func<Task<IReadOnlyList<OutboundEvent>?>>? history,
        string? lastEventId,
        TimeProvider time,
        JsonSerializerOptions json,
        Func<OutboundEvent, CloudEventResponse?>? view,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var subscription = await LiveSubscription.StartAsync(grains, sources, time);
        // Opens the response at once, so the browser knows it is connected before the first event.
        yield return new SseItem<string>("{}", HeartbeatType);
        // Only the history's ids are remembered: a feed that stays open for days must not grow with what it sends.
        var sent = new HashSet<string>(StringComparer.Ordinal);
        if (history is not null && await history() is { } past)
        {
            var start = lastEventId is null ? 0 : past.Select(e => e.Id).ToList().IndexOf(lastEventId) + 1;
            foreach (var e in past.Skip(start))
            {
                sent.Add(e.Id);
                if (Item(e, json, view) is { } item)
                {
                    yield return item;
                }
            }
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var next = await NextOrHeartbeat(subscription, time, cancellationToken);
            if (next is null)
            {
                yield return new SseItem<string>("{}", HeartbeatType);
            }
            else if ((next.Type == EventTypes.LocationUpdated || !sent.Contains(next.Id)) && Item(next, json, view) is { } item)
            {
                yield return item;
            }
        }
    }

    private static async Task<OutboundEvent?> NextOrHeartbeat(LiveSubscription subscription, TimeProvider time, CancellationToken cancellationToken)
    {
        if (subscription.Events.TryRead(out var ready))
        {
            return ready;
        }

        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        heartbeat.CancelAfter(HeartbeatEvery);
        try
        {
            return await subscription.Events.ReadAsync(heartbeat.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The feed's item for <paramref name="e"/> as <paramref name="view"/> shows it (all of it without one); null when not shown.</summary>
    private static SseItem<string>? Item(OutboundEvent e, JsonSerializerOptions json, Func<OutboundEvent, CloudEventResponse?>? view) =>
        (view is null ? CloudEventResponse.From(e) : view(e)) is { } shown
            ? new SseItem<string>(JsonSerializer.Serialize(shown, json), e.Type) { EventId = e.Id }
            : null;
}
