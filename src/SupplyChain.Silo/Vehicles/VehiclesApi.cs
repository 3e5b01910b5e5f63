using System.Security.Claims;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Streams;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Ownership;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Vehicles;

/// <summary>Vehicles: one vehicle (its owning account, ops) and the fleet (ops: admins and viewers).</summary>
internal static class VehiclesApi
{
    public static IEndpointRouteBuilder MapVehiclesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/vehicles").WithTags("Vehicles");
        group.MapGet("/{vehicleId}", GetVehicle)
            .RequireAuthorization(Roles.CarrierAdminOrViewerPolicy)
            .WithName("GetVehicle")
            .WithSummary("A vehicle's position, motion, geofences and shipments");
        group.MapGet("", GetVehicles)
            .RequireAuthorization(Roles.AdminOrViewerPolicy)
            .WithName("GetVehicles")
            .WithSummary("Every known vehicle's latest position");
        return app;
    }

    private static async Task<Results<Ok<VehicleResponse>, ProblemHttpResult>> GetVehicle(
        string vehicleId, ClaimsPrincipal user, IGrainFactory grains, OwnershipDirectory owners, IOptions<StreamOptions> streams)
    {
        if (RouteIdentifier.Problem(IdentifierRule.VehicleId, vehicleId) is { } invalid)
        {
            return invalid;
        }

        // Another account's vehicle reads as unknown: its existence is not the caller's business either.
        return (user.SeesEverything() || user.SeesAll(await owners.OwnerAsync(OwnedThing.Vehicle(vehicleId))))
            && await grains.GetPartitionOf(vehicleId, streams.Value.Partitions).GetVehicle(vehicleId) is { } view
            ? TypedResults.Ok(VehicleResponse.From(view))
            : TypedResults.Problem($"No vehicle '{vehicleId}' has reported.", statusCode: StatusCodes.Status404NotFound, title: "Unknown vehicle");
    }

    /// <summary>Asks each partition for its part of the fleet, so no one grain holds it all.</summary>
    private static async Task<Ok<VehicleListItem[]>> GetVehicles(IGrainFactory grains, IOptions<StreamOptions> streams)
    {
        var parts = await Task.WhenAll(grains.GetPartitions(streams.Value.Partitions).Select(p => p.GetVehicles()));
        return TypedResults.Ok(parts.SelectMany(p => p).OrderBy(v => v.VehicleId, StringComparer.Ordinal).Select(VehicleListItem.From).ToArray());
    }
}
