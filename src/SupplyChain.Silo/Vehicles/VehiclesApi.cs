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
    /// <summary>Most vehicles a search or limited list answers.</summary>
    private const int MaxListed = 1000;

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
            .WithSummary("Every known vehicle's latest position")
            .WithDescription("Optional: search=part of a vehicle id (ASCII case ignored), limit=1 to "
                + $"{MaxListed} (the first vehicles by id). Without them, every vehicle.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<VehicleResponse>, ProblemHttpResult>> GetVehicle(
        string vehicleId, ClaimsPrincipal user, IGrainFactory grains, OwnershipDirectory owners)
    {
        if (RouteIdentifier.Problem(IdentifierRule.VehicleId, vehicleId) is { } invalid)
        {
            return invalid;
        }

        // Another account's vehicle reads as unknown: its existence is not the caller's business either.
        return (user.SeesEverything() || user.SeesAll(await owners.OwnerAsync(OwnedThing.Vehicle(vehicleId))))
            && await grains.GetGrain<IVehicleGrain>(vehicleId).GetView() is { } view
            ? TypedResults.Ok(VehicleResponse.From(view))
            : TypedResults.Problem($"No vehicle '{vehicleId}' has reported.", statusCode: StatusCodes.Status404NotFound, title: "Unknown vehicle");
    }

    /// <summary>
    /// Asks each partition for the lines its vehicles sent it, so no one grain holds the fleet and no
    /// vehicle is asked; with <paramref name="search"/> or <paramref name="limit"/> each partition
    /// sends only its first matches by id.
    /// </summary>
    private static async Task<Results<Ok<VehicleListItem[]>, ProblemHttpResult>> GetVehicles(
        string? search, string? limit, IGrainFactory grains, IOptions<StreamOptions> streams)
    {
        var partitions = grains.GetPartitions(streams.Value.Partitions);
        if (search is null && limit is null)
        {
            var parts = await Task.WhenAll(partitions.Select(p => p.GetVehicles()));
            return TypedResults.Ok(parts.SelectMany(p => p).OrderBy(v => v.VehicleId, StringComparer.Ordinal).Select(VehicleListItem.From).ToArray());
        }

        if (search is not null && !IdentifierRule.VehicleId.IsFragment(search))
        {
            return Bad("search", $"'search' must be part of a vehicle id: 1 to {IdentifierRule.VehicleId.MaxLength} ASCII letters, digits, '-', '_', '.' or ':'.");
        }

        var most = MaxListed;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out most) || most is < 1 or > MaxListed))
        {
            return Bad("limit", $"'limit' must be a whole number from 1 to {MaxListed}.");
        }

        var matches = await Task.WhenAll(partitions.Select(p => p.FindVehicles(search ?? "", most)));
        return TypedResults.Ok(matches.SelectMany(p => p).OrderBy(v => v.VehicleId, StringComparer.Ordinal).Take(most).Select(VehicleListItem.From).ToArray());
    }

    private static ProblemHttpResult Bad(string parameter, string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid vehicle list query",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
