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

    /// <summary>Largest destination radius or corridor width, in metres (100 km).</summary>
    public const double MaxDistanceM = 100_000;

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

        List<GeoPoint>? route = null;
        if (Route is not null)
        {
            route = RoutePoints(Route, errors);
        }

        return errors.Count > 0
            ? null
            : new ShipmentPlan(CarrierId, origin, destination, DestinationRadiusM, PromisedBy, route, CorridorWidthM);
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
