using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Geofences;
using SupplyChain.Domain;
using SupplyChain.Domain.Geofences;
using SupplyChain.Grains.Geofences;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Geofences;

/// <summary>Geofences: GeoJSON Features in (admins) and out (admins, viewers).</summary>
internal static class GeofencesApi
{
    /// <summary>Largest fence body accepted, in bytes (a 10,000-vertex polygon is about 400 KB).</summary>
    internal const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The id corridor breaches use for a shipment's route; no fence may take it.</summary>
    internal const string ReservedId = "route";

    private const string GeoJson = "application/geo+json";

    /// <summary>Refuses invalid UTF-8 rather than reading it as U+FFFD, which would store text nobody sent.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapGeofencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/geofences").WithTags("Geofences");
        group.MapPut("/{id}", PutGeofence).RequireAuthorization(Roles.AdminPolicy).WithName("PutGeofence")
            .WithSummary("Create or replace a geofence: a GeoJSON Feature with properties.kind Depot, Restricted or Zone");
        group.MapGet("", GetGeofences).RequireAuthorization(Roles.AdminOrViewerPolicy).WithName("GetGeofences").WithSummary("Every geofence as a FeatureCollection");
        group.MapGet("/{id}", GetGeofence).RequireAuthorization(Roles.AdminOrViewerPolicy).WithName("GetGeofence").WithSummary("One geofence");
        group.MapDelete("/{id}", DeleteGeofence).RequireAuthorization(Roles.AdminPolicy).WithName("DeleteGeofence").WithSummary("Remove a geofence");
        return app;
    }

    private static async Task<Results<Created<string>, Ok<string>, ContentHttpResult, ProblemHttpResult>> PutGeofence(
        string id, HttpRequest request, IGrainFactory grains, GeofenceCatalog catalog, IOptions<TrackingOptions> options, CancellationToken cancellationToken)
    {
        if (CheckId(id) is { } invalid)
        {
            return invalid;
        }

        var (bytes, tooLarge) = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        string body;
        try
        {
            body = Utf8.GetString(bytes!);
        }
        catch (DecoderFallbackException)
        {
            return TypedResults.Problem("The body is not valid UTF-8.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid geofence");
        }

        var parsed = GeofenceReader.Read(body, id, options.Value.MaxGeofenceVertices);
        if (parsed.Geofence is not { } fence)
        {
            return TypedResults.Problem(
                parsed.Error?.Reason ?? "The body is not a valid geofence.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid geofence",
                extensions: new Dictionary<string, object?> { ["code"] = parsed.Error?.Code.ToString() });
        }

        var feature = GeofenceWriter.ToJson(fence);
        var created = await grains.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key).Put(id, feature);
        // This silo sees the change at once; the others within the catalog's refresh interval.
        await catalog.RefreshAsync(cancellationToken);
        return created
            ? TypedResults.Created($"/api/geofences/{Uri.EscapeDataString(id)}", feature)
            : TypedResults.Ok(feature);
    }

    private static async Task<ContentHttpResult> GetGeofences(IGrainFactory grains)
    {
        var set = await grains.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key).GetAll();
        var body = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        var first = true;
        foreach (var (_, feature) in set.Features.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            body.Append(first ? "" : ",").Append(feature);
            first = false;
        }

        return TypedResults.Content(body.Append("]}").ToString(), GeoJson);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetGeofence(string id, IGrainFactory grains)
    {
        if (RouteIdentifier.Problem(IdentifierRule.GeofenceId, id) is { } invalid)
        {
            return invalid;
        }

        return await grains.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key).Get(id) is { } feature
            ? TypedResults.Content(feature, GeoJson)
            : NotFound(id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteGeofence(
        string id, IGrainFactory grains, GeofenceCatalog catalog, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.GeofenceId, id) is { } invalid)
        {
            return invalid;
        }

        if (!await grains.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key).Delete(id))
        {
            return NotFound(id);
        }

        await catalog.RefreshAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? CheckId(string id)
    {
        if (RouteIdentifier.Problem(IdentifierRule.GeofenceId, id) is { } invalid)
        {
            return invalid;
        }

        return id == ReservedId
            ? TypedResults.Problem($"'{ReservedId}' names a shipment's route corridor in breach events; choose another id.", statusCode: 400, title: "Invalid geofence id")
            : null;
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No geofence has id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown geofence");
}
