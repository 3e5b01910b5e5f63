using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Ownership;

/// <summary>
/// Who owns a shipment or vehicle, and its transfer to another account (admins): for a parcel handed
/// over to another carrier, or a truck sold or re-registered.
/// </summary>
internal static class OwnershipApi
{
    /// <summary>Largest transfer body accepted, in bytes.</summary>
    private const int MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapOwnershipApi(this IEndpointRouteBuilder app)
    {
        MapOwner(app, "/api/shipments/{id}/owner", "Shipment", IdentifierRule.TrackingNumber, OwnedThing.Shipment);
        MapOwner(app, "/api/vehicles/{id}/owner", "Vehicle", IdentifierRule.VehicleId, OwnedThing.Vehicle);
        return app;
    }

    /// <summary>The owner routes of one kind of thing: read it, and hand it over.</summary>
    private static void MapOwner(IEndpointRouteBuilder app, string pattern, string kind, IdentifierRule rule, Func<string, OwnedThing> thing)
    {
        var group = app.MapGroup(pattern).WithTags(kind + "s").RequireAuthorization(Roles.AdminPolicy);
        group.MapGet("", (string id, OwnershipDirectory owners) => Get(rule, id, thing, owners))
            .WithName($"Get{kind}Owner").WithSummary($"The account that owns the {kind.ToLowerInvariant()}");
        group.MapPut("", (string id, string? carrier, HttpRequest request, OwnershipDirectory owners, IOptions<JsonOptions> json, CancellationToken ct) =>
                Transfer(rule, id, carrier, thing, request, owners, json.Value, ct))
            .WithName($"Transfer{kind}").WithSummary($"Hand the {kind.ToLowerInvariant()} to another account").Accepts<OwnerRequest>("application/json");
    }

    private static async Task<Results<Ok<OwnerResponse>, ProblemHttpResult>> Get(
        IdentifierRule rule, string id, Func<string, OwnedThing> thing, OwnershipDirectory owners)
    {
        if (RouteIdentifier.Problem(rule, id) is { } invalid)
        {
            return invalid;
        }

        var holders = await owners.OwnersAsync(thing(id));
        return TypedResults.Ok(new OwnerResponse(holders.Count > 0 ? holders[0].Account : null, Accounts: [.. holders.Select(h => h.Account)]));
    }

    private static async Task<Results<Ok<OwnerResponse>, ProblemHttpResult>> Transfer(
        IdentifierRule rule, string id, string? carrier, Func<string, OwnedThing> thing, HttpRequest request, OwnershipDirectory owners,
        JsonOptions json, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(rule, id) is { } invalid)
        {
            return invalid;
        }

        if (carrier is not null && IdentifierRule.AccountId.Problem(carrier, "carrier") is { } badCarrier)
        {
            return TypedResults.Problem(badCarrier, statusCode: StatusCodes.Status400BadRequest, title: "Invalid carrier");
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<OwnerRequest>(request, MaxBodyBytes, json.SerializerOptions, "Invalid transfer", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (IdentifierRule.AccountId.Problem(body!.Account, "account") is { } badAccount)
        {
            return TypedResults.Problem(badAccount, statusCode: StatusCodes.Status400BadRequest, title: "Invalid transfer");
        }

        var transfer = await owners.TransferAsync(thing(id), carrier, body.Account!);
        return transfer.Outcome switch
        {
            TransferOutcome.NoSuchHolder => TypedResults.Problem(
                $"Account '{carrier}' holds no {thing(id)}.", statusCode: StatusCodes.Status404NotFound, title: "No such holder"),
            TransferOutcome.AlreadyHolds => TypedResults.Problem(
                $"Account '{body.Account}' already holds a shipment with this tracking number; an account has one shipment per number.",
                statusCode: StatusCodes.Status409Conflict, title: "Already holds one"),
            _ => TypedResults.Ok(new OwnerResponse(body.Account, transfer.Previous)),
        };
    }
}
