using SupplyChain.Contracts.Streams;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Vehicles;

/// <summary>Vehicles: one vehicle (carriers, admins, viewers) and the fleet (admins, viewers).</summary>
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
        string vehicleId, IGrainFactory grains, IOptions<StreamOptions> streams)
    {
        if (RouteIdentifier.Problem(IdentifierRule.VehicleId, vehicleId) is { } invalid)
        {
            return invalid;
        }

        return await grains.GetPartitionOf(vehicleId, streams.Value.Partitions).GetVehicle(vehicleId) is { } view
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
