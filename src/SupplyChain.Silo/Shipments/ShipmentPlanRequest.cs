using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Silo.Shipments;

/// <summary>The body of <c>PUT /api/shipments/{trackingNumber}</c>.</summary>
public sealed record ShipmentPlanRequest(
    string? CarrierId,
    LatLon? Origin,
    LatLon? Destination,
    double? DestinationRadiusM,
    DateTimeOffset? PromisedBy,
    LineStringGeometry? Route,
    double? CorridorWidthM)
{
    /// <summary>Most positions in a route.</summary>
    public const int MaxRoutePoints = 10_000;

    /// <summary>Most planned stops in a plan.</summary>
    public const int MaxStops = 50;

    /// <summary>Longest planned dwell at one stop, in minutes (a day).</summary>
    public const double MaxDwellMinutes = 24 * 60;

    /// <summary>Planned stops on the way, in order.</summary>
    public IReadOnlyList<PlanStopRequest>? Stops { get; init; }

    /// <summary>The destination's facility (geofence) id, when it is one.</summary>
    public string? DestinationFacilityId { get; init; }

    /// <summary>Largest destination radius or corridor width, in metres (100 km).</summary>
    public const double MaxDistanceM = 100_000;

    /// <summary>
    /// The earliest promise a plan may make: replays plan shipments of the past, and no parcel this
    /// platform tracks was promised before it.
    /// </summary>
    public static readonly DateTimeOffset EarliestPromise = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The latest promise a plan may make: far beyond any delivery, and far enough from the end of the
    /// calendar that the promise's reminder and margins stay representable.
    /// </summary>
    public static readonly DateTimeOffset LatestPromise = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The plan, or the list of what is wrong with the request.</summary>
    public ShipmentPlan? ToPlan(out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (CarrierId is not null && IdentifierRule.CarrierId.Problem(CarrierId, "carrierId") is { } badCarrier)
        {
            errors["carrierId"] = [badCarrier];
        }

        var origin = Point(Origin, "origin", errors);
        var destination = Point(Destination, "destination", errors);
        if (DestinationRadiusM is { } radius && (!double.IsFinite(radius) || radius <= 0 || radius > MaxDistanceM))
        {
            errors["destinationRadiusM"] = [$"must be a number in (0, {MaxDistanceM}] (metres)."];
        }

        if (CorridorWidthM is { } width && (!double.IsFinite(width) || width <= 0 || width > MaxDistanceM))
        {
            errors["corridorWidthM"] = [$"must be a number in (0, {MaxDistanceM}] (metres)."];
        }

        if (PromisedBy is { } promise && (promise < EarliestPromise || promise > LatestPromise))
        {
            errors["promisedBy"] = [$"must lie between {EarliestPromise:yyyy-MM-dd} and {LatestPromise:yyyy-MM-dd} (UTC)."];
        }

        List<GeoPoint>? route = null;
        if (Route is not null)
        {
            route = RoutePoints(Route, errors);
        }

        if (DestinationFacilityId is not null && IdentifierRule.GeofenceId.Problem(DestinationFacilityId, "destinationFacilityId") is { } badFacility)
        {
            errors["destinationFacilityId"] = [badFacility];
        }

        var stops = Stops is null ? null : PlanStops(Stops, errors);
        return errors.Count > 0
            ? null
            : new ShipmentPlan(CarrierId, origin, destination, DestinationRadiusM, PromisedBy, route, CorridorWidthM)
            {
                Stops = stops is { Count: > 0 } ? stops : null,
                DestinationFacilityId = DestinationFacilityId,
            };
    }

    private static List<PlanStop>? PlanStops(IReadOnlyList<PlanStopRequest?> stops, Dictionary<string, string[]> errors)
    {
        if (stops.Count > MaxStops)
        {
            errors["stops"] = [$"at most {MaxStops} stops."];
            return null;
        }

        var result = new List<PlanStop>(stops.Count);
        for (var i = 0; i < stops.Count; i++)
        {
            var field = $"stops[{i}]";
            if (stops[i] is not { } stop)
            {
                errors[field] = ["must be an object with a location."];
                return null;
            }

            if (stop.Location is null || Point(stop.Location, $"{field}.location", errors) is not { } location)
            {
                errors.TryAdd($"{field}.location", ["is required: {\"lat\": ..., \"lon\": ...}."]);
                return null;
            }

            if (stop.FacilityId is not null && IdentifierRule.GeofenceId.Problem(stop.FacilityId, $"{field}.facilityId") is { } badId)
            {
                errors[$"{field}.facilityId"] = [badId];
                return null;
            }

            if (stop.DwellMinutes is { } minutes && (!double.IsFinite(minutes) || minutes < 0 || minutes > MaxDwellMinutes))
            {
                errors[$"{field}.dwellMinutes"] = [$"must be a number in [0, {MaxDwellMinutes}] (minutes)."];
                return null;
            }

            result.Add(new PlanStop(stop.FacilityId, location, stop.DwellMinutes is { } m ? TimeSpan.FromMinutes(m) : null));
        }

        return result;
    }

    private static GeoPoint? Point(LatLon? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        var point = new GeoPoint(value.Lat, value.Lon);
        if (!point.IsValid)
        {
            errors[name] = ["lat must be in [-90, 90] and lon in [-180, 180]."];
            return null;
        }

        return point;
    }

    private static List<GeoPoint>? RoutePoints(LineStringGeometry route, Dictionary<string, string[]> errors)
    {
        if (route.Type != "LineString")
        {
            errors["route.type"] = [$"must be 'LineString', not {(route.Type is null ? "absent" : EventLimits.Echo(route.Type))}."];
            return null;
        }

        if (route.Coordinates is not { Count: >= 2 and <= MaxRoutePoints })
        {
            errors["route.coordinates"] = [$"needs 2 to {MaxRoutePoints} positions."];
            return null;
        }

        var points = new List<GeoPoint>(route.Coordinates.Count);
        for (var i = 0; i < route.Coordinates.Count; i++)
        {
            var c = route.Coordinates[i];
            var point = c is { Length: >= 2 } ? new GeoPoint(c[1], c[0]) : new GeoPoint(double.NaN, double.NaN);
            if (!point.IsValid)
            {
                errors[$"route.coordinates[{i}]"] = ["must be [lon, lat] with lon in [-180, 180] and lat in [-90, 90]."];
                return null;
            }

            points.Add(point);
        }

        return points;
    }
}
