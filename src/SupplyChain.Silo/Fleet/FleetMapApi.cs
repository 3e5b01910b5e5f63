using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Streams;
using SupplyChain.Domain.Fleet;
using SupplyChain.Silo.Pages;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Fleet;

/// <summary>
/// <c>GET /api/ops/map</c> (ops): the vehicles inside a box of the map, or their clusters when the box
/// holds more than <see cref="MapOptions.MaxMarkers"/>, and then only what changed. Each partition
/// answers from its own fleet grid, so no grain holds the whole fleet and no vehicle is asked.
/// </summary>
internal static class FleetMapApi
{
    /// <summary>Longest <c>bbox</c> text: four numbers with all the digits a double has, and more.</summary>
    private const int MaxBoxLength = 200;

    private static readonly string[] Parameters = ["bbox", "zoom", "since"];

    public static IEndpointRouteBuilder MapFleetMapApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ops/map", Read)
            .RequireAuthorization(Roles.AdminOrViewerPolicy)
            .WithTags("Ops")
            .WithName("GetFleetMap")
            .WithSummary("The vehicles inside a box of the map (or their clusters when there are many), then only what changed")
            .WithDescription("bbox=west,south,east,north in degrees (west < east, south < north; no crossing of the antimeridian), "
                + $"zoom=0 to {ClusterLevel.MaxZoom} (the map's zoom: clusters are cells of about {ClusterLevel.CellPixels} pixels), "
                + "since=the cursor of the previous answer for the same bbox and zoom (then only what changed).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<FleetMapResponse>, ProblemHttpResult>> Read(
        HttpRequest request, IGrainFactory grains, IOptions<StreamOptions> streams, IOptions<MapOptions> map)
    {
        var query = request.Query;
        foreach (var (name, values) in query)
        {
            if (!Parameters.Contains(name, StringComparer.Ordinal))
            {
                return Bad(Shorten(name), $"Unknown parameter '{Shorten(name)}'; the parameters are {string.Join(", ", Parameters)}.");
            }

            if (values.Count != 1)
            {
                return Bad(name, $"'{name}' is given {values.Count} times; give it once.");
            }
        }

        if (!query.TryGetValue("bbox", out var boxText))
        {
            return Bad("bbox", "'bbox' is required: west,south,east,north in degrees, e.g. bbox=-10,36,30,60.");
        }

        if (Edges(boxText.ToString()) is not [var west, var south, var east, var north])
        {
            return Bad("bbox", "'bbox' must be four numbers separated by commas: west,south,east,north in degrees, e.g. bbox=-10,36,30,60.");
        }

        if (MapBox.Problem(west, south, east, north) is { } wrong)
        {
            return Bad("bbox", $"'bbox': {wrong}");
        }

        if (!query.TryGetValue("zoom", out var zoomText)
            || !int.TryParse(zoomText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var zoom)
            || zoom > ClusterLevel.MaxZoom)
        {
            return Bad("zoom", $"'zoom' is required: the map's zoom, a whole number from 0 to {ClusterLevel.MaxZoom}.");
        }

        FleetMapCursor? cursor = null;
        if (query.TryGetValue("since", out var sinceText) && (cursor = FleetMapCursor.Decode(sinceText.ToString())) is null)
        {
            return Bad("since", "'since' is not a cursor this API gave; pass the 'cursor' of the previous answer as it was, or leave it out for the whole view.");
        }

        var reader = new FleetMapReader(grains, streams.Value.Partitions, map.Value.MaxMarkers);
        return TypedResults.Ok(await reader.ReadAsync(new MapBox(west, south, east, north), zoom, cursor));
    }

    private static double[]? Edges(string text)
    {
        if (text.Length > MaxBoxLength)
        {
            return null;
        }

        var parts = text.Split(',');
        var edges = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out edges[i]))
            {
                return null;
            }
        }

        return edges.Length == 4 ? edges : null;
    }

    private static ProblemHttpResult Bad(string parameter, string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid map query",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    private static string Shorten(string name) => name.Length <= 40 && !name.Any(c => c is < ' ' or > '~') ? name : "(unreadable)";
}
