using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyChain.Archive.Tracks;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Silo.Events;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Ownership;
using SupplyChain.Silo.Security;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.History;

/// <summary>
/// Track history from the archive: a vehicle's positions over a span (its owning account, ops), and a
/// shipment's journey (the positions of each vehicle that carried it, while it did, and its scans), as
/// GeoJSON, GPX or CSV. History is part of the full view only: a consignee's view has no track, so
/// another account's vehicle or shipment reads as unknown, as its other routes do.
/// </summary>
internal static class TrackHistoryApi
{
    public static IEndpointRouteBuilder MapTrackHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/vehicles/{vehicleId}/track", GetVehicleTrack)
            .RequireAuthorization(Roles.CarrierAdminOrViewerPolicy)
            .WithTags("History")
            .WithName("GetVehicleTrack")
            .WithSummary("A vehicle's positions between from and to (at most 7 days), as GeoJSON, GPX or CSV");
        app.MapGet("/api/shipments/{trackingNumber}/track", GetShipmentTrack)
            .RequireAuthorization(Roles.CarrierAdminOrViewerPolicy)
            .WithTags("History")
            .WithName("GetShipmentTrack")
            .WithSummary("A shipment's journey: its vehicles' positions while on board and its scans, as GeoJSON, GPX or CSV");
        app.MapGet("/api/vehicles/{vehicleId}/history", GetVehicleHistory)
            .RequireAuthorization(Roles.CarrierAdminOrViewerPolicy)
            .WithTags("History")
            .WithName("GetVehicleHistory")
            .WithSummary("The outbound events a vehicle raised between from and to (at most 24 hours), from the archive, oldest first");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetVehicleTrack(
        string vehicleId, string? from, string? to, string? format, ClaimsPrincipal user, OwnershipDirectory owners,
        TrackReader tracks, TimeProvider time, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.VehicleId, vehicleId) is { } invalid)
        {
            return invalid;
        }

        var (query, problem) = TrackQuery.Parse(from, to, format, time.GetUtcNow());
        if (problem is not null)
        {
            return problem;
        }

        if (!user.SeesEverything() && !user.SeesAll(await owners.OwnerAsync(OwnedThing.Vehicle(vehicleId))))
        {
            return TypedResults.Problem($"No vehicle '{vehicleId}' has reported.", statusCode: StatusCodes.Status404NotFound, title: "Unknown vehicle");
        }

        var points = await tracks.VehicleAsync(vehicleId, query!.From, query.To, cancellationToken);
        return File(query.Format, vehicleId, points, []);
    }

    /// <summary>
    /// The vehicle's own outbound events (stops, fence crossings and breaches) as archived: the events a
    /// playback marks on its timeline, read through the track index (<see cref="VehicleHistoryReader"/>).
    /// An hour the index does not hold yet is read from all its event files, hence a shorter longest
    /// span than a track's.
    /// </summary>
    private static async Task<Results<Ok<CloudEventResponse[]>, ProblemHttpResult>> GetVehicleHistory(
        string vehicleId, string? from, string? to, ClaimsPrincipal user, OwnershipDirectory owners,
        VehicleHistoryReader history, TimeProvider time, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.VehicleId, vehicleId) is { } invalid)
        {
            return invalid;
        }

        var (query, problem) = TrackQuery.Parse(from, to, format: null, time.GetUtcNow(), TrackQuery.MaxHistorySpan);
        if (problem is not null)
        {
            return problem;
        }

        if (!user.SeesEverything() && !user.SeesAll(await owners.OwnerAsync(OwnedThing.Vehicle(vehicleId))))
        {
            return TypedResults.Problem($"No vehicle '{vehicleId}' has reported.", statusCode: StatusCodes.Status404NotFound, title: "Unknown vehicle");
        }

        var records = await history.VehicleAsync(vehicleId, query!.From, query.To, cancellationToken);
        return TypedResults.Ok(records
            .Select(r => CloudEventResponse.From(new OutboundEvent(r.Id, r.Type, r.Source, r.Subject ?? vehicleId, r.Time, r.Data ?? "{}")))
            .ToArray());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetShipmentTrack(
        string trackingNumber, string? carrier, string? format, ClaimsPrincipal user, ShipmentAudience audience,
        IGrainFactory grains, TrackReader tracks, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ShipmentsApi.CheckAddress(trackingNumber, carrier) is { } invalid)
        {
            return invalid;
        }

        var (query, problem) = TrackQuery.Parse(null, null, format, time.GetUtcNow());
        if (problem is not null)
        {
            return problem;
        }

        var reader = await audience.ReaderAsync(user, trackingNumber, token: null, carrier);
        if (reader is not { Full: true, Key: { } key } || await grains.GetGrain<IShipmentGrain>(key).GetView() is not { } view)
        {
            return ShipmentsApi.Unreadable(reader, trackingNumber);
        }

        // The journey's last week at most, as for a vehicle: a parcel that travelled longer shows its latest part.
        var until = time.GetUtcNow();
        var since = until - TrackQuery.MaxSpan;
        var points = new List<TrackPoint>();
        foreach (var leg in ShipmentLegs.From(view.Milestones, until))
        {
            var legFrom = leg.From < since ? since : leg.From;
            if (leg.To > legFrom)
            {
                points.AddRange(await tracks.VehicleAsync(leg.VehicleId, legFrom, leg.To, cancellationToken));
            }
        }

        var stops = view.Milestones
            .Where(m => m.Location is not null && m.At >= since)
            .Select(m => new TrackStop(m.At, m.Location!.Value.Lat, m.Location.Value.Lon, m.ScanType.ToString(), m.FacilityId))
            .ToList();
        return File(query!.Format, trackingNumber, points, stops);
    }

    private static FileContentHttpResult File(TrackFormat format, string name, IReadOnlyList<TrackPoint> points, IReadOnlyList<TrackStop> stops) =>
        TypedResults.File(TrackExport.Write(format, name, points, stops), TrackExport.ContentType(format));
}
