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
        var shipments = app.MapGroup("/api/shipments/{trackingNumber}/owner").WithTags("Shipments").RequireAuthorization(Roles.AdminPolicy);
        shipments.MapGet("", (string trackingNumber, OwnershipDirectory owners) =>
                Get(IdentifierRule.TrackingNumber, trackingNumber, OwnedThing.Shipment, owners))
            .WithName("GetShipmentOwner").WithSummary("The account that owns the shipment");
        shipments.MapPut("", (string trackingNumber, HttpRequest request, OwnershipDirectory owners, IOptions<JsonOptions> json, CancellationToken ct) =>
                Transfer(IdentifierRule.TrackingNumber, trackingNumber, OwnedThing.Shipment, request, owners, json.Value, ct))
            .WithName("TransferShipment").WithSummary("Hand the shipment to another account").Accepts<OwnerRequest>("application/json");

        var vehicles = app.MapGroup("/api/vehicles/{vehicleId}/owner").WithTags("Vehicles").RequireAuthorization(Roles.AdminPolicy);
        vehicles.MapGet("", (string vehicleId, OwnershipDirectory owners) =>
                Get(IdentifierRule.VehicleId, vehicleId, OwnedThing.Vehicle, owners))
            .WithName("GetVehicleOwner").WithSummary("The account that owns the vehicle");
        vehicles.MapPut("", (string vehicleId, HttpRequest request, OwnershipDirectory owners, IOptions<JsonOptions> json, CancellationToken ct) =>
                Transfer(IdentifierRule.VehicleId, vehicleId, OwnedThing.Vehicle, request, owners, json.Value, ct))
            .WithName("TransferVehicle").WithSummary("Hand the vehicle to another account").Accepts<OwnerRequest>("application/json");
        return app;
    }

    private static async Task<Results<Ok<OwnerResponse>, ProblemHttpResult>> Get(
        IdentifierRule rule, string id, Func<string, OwnedThing> thing, OwnershipDirectory owners)
    {
        if (RouteIdentifier.Problem(rule, id) is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(new OwnerResponse(await owners.OwnerAsync(thing(id))));
    }

    private static async Task<Results<Ok<OwnerResponse>, ProblemHttpResult>> Transfer(
        IdentifierRule rule, string id, Func<string, OwnedThing> thing, HttpRequest request, OwnershipDirectory owners,
        JsonOptions json, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(rule, id) is { } invalid)
        {
            return invalid;
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<OwnerRequest>(request, MaxBodyBytes, json.SerializerOptions, "Invalid transfer", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (IdentifierRule.CarrierId.Problem(body!.Account, "account") is { } badAccount)
        {
            return TypedResults.Problem(badAccount, statusCode: StatusCodes.Status400BadRequest, title: "Invalid transfer");
        }

        var previous = await owners.TransferAsync(thing(id), body.Account!);
        return TypedResults.Ok(new OwnerResponse(body.Account, previous));
    }
}
