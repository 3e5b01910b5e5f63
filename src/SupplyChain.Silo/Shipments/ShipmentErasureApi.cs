using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using SupplyChain.Archive.Erasure;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Maintenance;
using SupplyChain.Archive.Storage;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Shipments;

/// <summary>
/// Erasure of a shipment, an admin's act (a data subject's request): its archived scans and events
/// (<see cref="ArchiveErasure"/>), then its grain state, then its ownership record with its tracking
/// token, then the archive once more after <see cref="ArchiveOptions.MaxDelay"/> for the records that were
/// still in a writer's memory. The archive goes first because the shipment's state says which hours and
/// vehicles to look at; a failure there leaves the shipment readable, so the request can be repeated. The audit log keeps
/// the request (<c>shipment.erase</c>, the number as target) as the record that it was made.
/// </summary>
internal static class ShipmentErasureApi
{
    public static IEndpointRouteBuilder MapShipmentErasureApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/shipments/{trackingNumber}", Erase)
            .RequireAuthorization(Roles.AdminPolicy)
            .WithTags("Shipments")
            .WithName("EraseShipment")
            .WithSummary("Erase a shipment: its state, its ownership record and its archived scans and events");
        return app;
    }

    private static async Task<Results<Ok<ErasureResponse>, ProblemHttpResult>> Erase(
        string trackingNumber, string? carrier, ClaimsPrincipal user, IGrainFactory grains, ShipmentAudience audience,
        OwnershipDirectory owners, ArchiveErasure archive, IOptions<ArchiveOptions> archiveOptions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ShipmentsApi.CheckAddress(trackingNumber, carrier) is { } invalid)
        {
            return invalid;
        }

        var reader = await audience.ReaderAsync(user, trackingNumber, token: null, carrier);
        var shipment = reader.Key is { } key ? grains.GetGrain<IShipmentGrain>(key) : null;
        if (shipment is null || await shipment.GetView() is not { } view)
        {
            return ShipmentsApi.Unreadable(reader, trackingNumber);
        }

        var scope = ErasureScope.Of(reader.Key!, view, await shipment.GetEvents() ?? [], time.GetUtcNow());
        var outcome = new ErasureOutcome(0, 0, 0, 0);
        if (scope.From is { } from)
        {
            outcome = await archive.EraseAsync(scope.Shipment, from, scope.To, cancellationToken);
            await ScrubIndexAsync(grains, scope.Shipment, from, scope.To);
        }

        await shipment.Erase();
        if (reader.Account is { } account)
        {
            await owners.ReleaseAsync(OwnedThing.Shipment(trackingNumber), account);
        }

        if (scope.From is { } since)
        {
            // Records the archive writers held while the files were rewritten (at most MaxDelay old) are in
            // files by now, and the erased shipment raises no more: a second pass takes them out.
            await Task.Delay(archiveOptions.Value.MaxDelay, time, cancellationToken);
            var until = time.GetUtcNow();
            outcome += await archive.EraseAsync(scope.Shipment, since, until, cancellationToken);
            await ScrubIndexAsync(grains, scope.Shipment, since, until);
        }

        return TypedResults.Ok(new ErasureResponse(trackingNumber, reader.Account, outcome));
    }

    /// <summary>The vehicles' events the track index copied from the rewritten files, erased hour by hour where the index is built.</summary>
    private static async Task ScrubIndexAsync(IGrainFactory grains, ErasedShipment shipment, DateTimeOffset from, DateTimeOffset to)
    {
        var maintenance = grains.GetGrain<IArchiveMaintenanceGrain>(IArchiveMaintenanceGrain.Key);
        string[] vehicles = [.. shipment.Vehicles];
        foreach (var hour in ArchiveLayout.Hours(from, to))
        {
            await maintenance.ScrubIndex(shipment.TrackingNumber, shipment.Key, vehicles, hour);
        }
    }
}
