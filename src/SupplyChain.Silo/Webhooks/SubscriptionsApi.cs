using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Grains.Webhooks;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Webhooks;

/// <summary>
/// Webhook subscriptions (carriers and admins). A carrier sees and manages only its account's
/// subscriptions, to its account's shipments and vehicles; an admin sees all. A secret is returned
/// once: on creation, and on each rotation.
/// </summary>
internal static class SubscriptionsApi
{
    /// <summary>Largest subscription body accepted, in bytes.</summary>
    internal const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        // Ops viewers read every subscription and its deliveries; only carriers and admins change them.
        var group = app.MapGroup("/api/subscriptions").WithTags("Webhooks");
        var writes = group.MapGroup("").RequireAuthorization(Roles.CarrierOrAdminPolicy);
        var reads = group.MapGroup("").RequireAuthorization(Roles.CarrierAdminOrViewerPolicy);
        writes.MapPost("", CreateSubscription).WithName("CreateSubscription")
            .WithSummary("Subscribe a URL to outbound events; the answer carries the signing secret, shown only here")
            .Accepts<SubscriptionRequest>("application/json");
        reads.MapGet("", GetSubscriptions).WithName("GetSubscriptions").WithSummary("The subscriptions the caller may see");
        reads.MapGet("/{id}", GetSubscription).WithName("GetSubscription").WithSummary("One subscription and its delivery state");
        writes.MapDelete("/{id}", DeleteSubscription).WithName("DeleteSubscription").WithSummary("Remove a subscription, its queue and dead letters");
        writes.MapPost("/{id}/enable", EnableSubscription).WithName("EnableSubscription").WithSummary("Re-enable a disabled subscription");
        writes.MapPost("/{id}/secret/rotate", RotateSecret).WithName("RotateSubscriptionSecret")
            .WithSummary("Replace the signing secret; the answer carries the new one, shown only here, and when the old one stops signing")
            .Accepts<SecretRotationRequest>("application/json");
        reads.MapGet("/{id}/deliveries", GetDeliveries).WithName("GetSubscriptionDeliveries").WithSummary("The latest delivery attempts, newest first");
        reads.MapGet("/{id}/dead-letters", GetDeadLetters).WithName("GetSubscriptionDeadLetters").WithSummary("Events given up on, oldest first");
        writes.MapPost("/{id}/dead-letters/redrive", Redrive).WithName("RedriveSubscriptionDeadLetters")
            .WithSummary("Queue dead letters again (all, or those named in eventIds)");
        return app;
    }

    private static async Task<Results<Created<SubscriptionResponse>, ProblemHttpResult, ValidationProblem>> CreateSubscription(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, WebhookSender sender, WebhookRouter router,
        OwnershipDirectory owners, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await ReadJson<SubscriptionRequest>(request, json.Value, cancellationToken) is var (body, problem) && problem is not null)
        {
            return problem;
        }

        var owner = OwnerOf(user);
        if (body!.ToDefinition(owner, out var errors) is not { } definition)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid subscription");
        }

        var url = new Uri(definition.Url);
        if (await sender.CheckUrlAsync(url, cancellationToken) is { } refused)
        {
            return TypedResults.Problem(refused, statusCode: StatusCodes.Status400BadRequest, title: "Invalid url");
        }

        if (owner.Role != Roles.Admin)
        {
            (definition, var notTheirs) = await ForCarrierAsync(definition, user.AccountId()!, owners);
            if (notTheirs is not null)
            {
                return notTheirs;
            }
        }

        if (body.Handshake == true && await sender.HandshakeAsync(url, cancellationToken) is { } failed)
        {
            return TypedResults.Problem(failed, statusCode: StatusCodes.Status400BadRequest, title: "Validation handshake failed");
        }

        var id = "sub_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = WebhookSecret.Create();
        await grains.GetGrain<ISubscriptionGrain>(id).Create(definition, secret);
        // This silo routes to the new subscription at once; the others within the router's refresh interval.
        await router.RefreshAsync(cancellationToken);
        var view = await grains.GetGrain<ISubscriptionGrain>(id).Get();
        return TypedResults.Created($"/api/subscriptions/{id}", SubscriptionResponse.From(view!) with { Secret = WebhookSecret.Format(secret) });
    }

    private static async Task<Ok<SubscriptionResponse[]>> GetSubscriptions(ClaimsPrincipal user, IGrainFactory grains)
    {
        var set = await grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).GetAll();
        return TypedResults.Ok(set.Entries.Where(e => CanSee(user, e.Definition.Owner)).Select(SubscriptionResponse.From).ToArray());
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetSubscription(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await Find(id, user, grains) switch
        {
            (_, { } problem) => problem,
            (var view, _) => TypedResults.Ok(SubscriptionResponse.From(view!)),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSubscription(
        string id, ClaimsPrincipal user, IGrainFactory grains, WebhookRouter router, CancellationToken cancellationToken)
    {
        if ((await Find(id, user, grains)).Problem is { } problem)
        {
            return problem;
        }

        await grains.GetGrain<ISubscriptionGrain>(id).Delete();
        await router.RefreshAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> EnableSubscription(
        string id, ClaimsPrincipal user, IGrainFactory grains, WebhookRouter router, CancellationToken cancellationToken)
    {
        if ((await Find(id, user, grains)).Problem is { } problem)
        {
            return problem;
        }

        var view = await grains.GetGrain<ISubscriptionGrain>(id).Enable();
        await router.RefreshAsync(cancellationToken);
        return view is null ? NotFound(id) : TypedResults.Ok(SubscriptionResponse.From(view));
    }

    private static async Task<Results<Ok<SecretRotationResponse>, ProblemHttpResult, ValidationProblem>> RotateSecret(
        string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<WebhookOptions> options,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        SecretRotationRequest? body = null;
        if (request.ContentLength is > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            (body, var bad) = await ReadJson<SecretRotationRequest>(request, json.Value, cancellationToken);
            if (bad is not null)
            {
                return bad;
            }
        }

        var longest = options.Value.SecretRotationOverlap;
        var overlap = longest;
        if (body?.OverlapSeconds is { } seconds)
        {
            var most = (long)longest.TotalSeconds;
            if (seconds < 0 || seconds > most)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["overlapSeconds"] = [$"overlapSeconds must be from 0 to {most} (the configured {WebhookOptions.SectionName}:SecretRotationOverlap)."] },
                    title: "Invalid rotation");
            }

            overlap = TimeSpan.FromSeconds(seconds);
        }

        if ((await Find(id, user, grains)).Problem is { } problem)
        {
            return problem;
        }

        var secret = WebhookSecret.Create();
        var expires = await grains.GetGrain<ISubscriptionGrain>(id).RotateSecret(secret, overlap);
        return expires is { } at
            ? TypedResults.Ok(new SecretRotationResponse(id, WebhookSecret.Format(secret), at))
            : NotFound(id);
    }

    private static async Task<Results<Ok<DeliveryResponse[]>, ProblemHttpResult>> GetDeliveries(
        string id, string? limit, ClaimsPrincipal user, IGrainFactory grains, IOptions<WebhookOptions> options)
    {
        var max = options.Value.HistoryLimit;
        var count = max;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count < 1 || count > max))
        {
            return TypedResults.Problem($"limit must be a whole number from 1 to {max}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        if ((await Find(id, user, grains)).Problem is { } problem)
        {
            return problem;
        }

        var records = await grains.GetGrain<ISubscriptionGrain>(id).GetDeliveries(count);
        return TypedResults.Ok(records.Select(DeliveryResponse.From).ToArray());
    }

    private static async Task<Results<Ok<DeadLetterResponse[]>, ProblemHttpResult>> GetDeadLetters(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if ((await Find(id, user, grains)).Problem is { } problem)
        {
            return problem;
        }

        var letters = await grains.GetGrain<ISubscriptionGrain>(id).GetDeadLetters();
        return TypedResults.Ok(letters.Select(DeadLetterResponse.From).ToArray());
    }

    private static async Task<Results<Ok<RedriveResponse>, ProblemHttpResult>> Redrive(
        string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        RedriveRequest? body = null;
        if (request.ContentLength is > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            (body, var bad) = await ReadJson<RedriveRequest>(request, json.Value, cancellationToken);
            if (bad is not null)
            {
                return bad;
            }
        }

        if (body?.EventIds is { } ids && (ids.Count > 10_000 || ids.Any(string.IsNullOrEmpty)))
        {
            return TypedResults.Problem("eventIds lists at most 10000 non-empty ids.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid re-drive");
        }

        if ((await Find(id, user, grains)).Problem is { } problem)
        {
            return problem;
        }

        var redriven = await grains.GetGrain<ISubscriptionGrain>(id).Redrive(body?.EventIds);
        return TypedResults.Ok(new RedriveResponse(redriven));
    }

    /// <summary>The subscription if it exists and the caller may see it; otherwise the problem (404 for another's, so ids are not probed).</summary>
    private static async Task<(SubscriptionView? View, ProblemHttpResult? Problem)> Find(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (RouteIdentifier.Problem(IdentifierRule.SubscriptionId, id) is { } invalid)
        {
            return (null, invalid);
        }

        var view = await grains.GetGrain<ISubscriptionGrain>(id).Get();
        return view is not null && CanSee(user, view.Entry.Definition.Owner) ? (view, null) : (null, NotFound(id));
    }

    private static async Task<(T? Body, ProblemHttpResult? Problem)> ReadJson<T>(HttpRequest request, JsonOptions json, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("The body must be JSON (Content-Type: application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        return await RequestBody.ReadJsonAsync<T>(request, MaxBodyBytes, json.SerializerOptions, "Invalid body", cancellationToken);
    }

    /// <summary>
    /// A carrier subscribes to its own shipments and vehicles, named: naming one nobody owns yet claims
    /// it, as a first write does; naming another account's vehicle is refused. A tracking number names
    /// the account's own shipment of it, whose key the subscription keeps.
    /// </summary>
    private static async Task<(SubscriptionDefinition Definition, ProblemHttpResult? Problem)> ForCarrierAsync(
        SubscriptionDefinition definition, string account, OwnershipDirectory owners)
    {
        if (definition.TrackingNumbers.Count == 0 && definition.VehicleIds.Count == 0)
        {
            return (definition, TypedResults.Problem(
                "A carrier subscribes to its own shipments or vehicles by name: list trackingNumbers or vehicleIds"
                + " (facilityIds and types narrow them, they do not replace them).",
                statusCode: StatusCodes.Status403Forbidden, title: "Subscription too broad"));
        }

        var things = definition.TrackingNumbers.Select(OwnedThing.Shipment).Concat(definition.VehicleIds.Select(OwnedThing.Vehicle)).ToList();
        var claimed = await Task.WhenAll(things.Select(t => owners.ClaimAsync(t, account).AsTask()));
        var refused = things.Where((_, i) => claimed[i]?.Account != account).Select(t => t.ToString()).ToList();
        if (refused.Count > 0)
        {
            return (definition, TypedResults.Problem(
                $"{string.Join(", ", refused.Take(10))}{(refused.Count > 10 ? $" and {refused.Count - 10} more" : "")} belong to another account"
                + $" or are tracking numbers already used by {IOwnershipGrain.MaxHoldersPerNumber} accounts.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not this account's"));
        }

        return (definition with { ShipmentKeys = [.. claimed.Take(definition.TrackingNumbers.Count).Select(o => o!.Key)] }, null);
    }

    /// <summary>Subscriptions belong to the caller's account, so every key of the account manages them.</summary>
    private static SubscriptionOwner OwnerOf(ClaimsPrincipal user) =>
        new(user.AccountId() ?? "", user.IsInRole(Roles.Admin) ? Roles.Admin : Roles.Carrier);

    private static bool CanSee(ClaimsPrincipal user, SubscriptionOwner owner) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Viewer) || (owner.Role == Roles.Carrier && owner.Name == (user.AccountId() ?? ""));

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No subscription has id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown subscription");
}
