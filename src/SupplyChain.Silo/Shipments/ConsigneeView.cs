using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Events;

namespace SupplyChain.Silo.Shipments;

/// <summary>
/// What a reader without a key sees of one shipment: its status, milestones, ETA, promised date and
/// positions at the configured precision. Never another shipment's number (a vehicle's events name
/// every shipment on board), a geofence's id, a driver's note, a proof of delivery (a name, and links to a
/// photo of someone's door), or a position more precise than the owner allows. Keys see the full view.
/// Thread safe: stateless.
/// </summary>
internal static class ConsigneeView
{
    /// <summary>Decimal places of a coarse position: 0.01° is about 1.1 km north-south, less east-west.</summary>
    private const int CoarseDecimals = 2;

    /// <summary>Decimal places of a milestone's place: 0.1° is about 11 km, the size of a town or a city's district.</summary>
    private const int CityDecimals = 1;

    /// <summary>The shipment as a reader without a key sees it.</summary>
    public static ShipmentResponse Of(ShipmentResponse full, PositionPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(full);
        return full with
        {
            Account = null,
            TrackingLink = null,
            Location = full.Location is { } l && Blur(l.Lat, l.Lon, precision) is { } p ? l with { Lat = p.Lat, Lon = p.Lon } : null,
            Milestones = [.. full.Milestones.Select(m => m with { Location = CityLevel(m.Location, precision), FacilityId = null, Note = null, ProofOfDelivery = null })],
            Alerts = [.. full.Alerts.Where(a => IsShown(a.Source, a.Type, full.TrackingNumber, precision)).Select(a => Of(a, precision))],
            Plan = full.Plan is not { } plan ? null : plan with
            {
                Origin = Blur(plan.Origin, precision),
                Destination = Blur(plan.Destination, precision),
                Route = precision == PositionPrecision.Hidden || plan.Route is not { } route ? null : route with
                {
                    Coordinates = [.. route.Coordinates.Select(c => Blur(c[1], c[0], precision) is { } p ? new[] { p.Lon, p.Lat } : c)],
                },
            },
        };
    }

    /// <summary>
    /// Whether an anonymous reader of <paramref name="trackingNumber"/> sees an event of
    /// <paramref name="type"/> from <paramref name="source"/>: only the shipment's own (a vehicle's
    /// alerts name the other shipments on board and the fences it crossed), and no position updates
    /// when positions are hidden.
    /// </summary>
    public static bool IsShown(string source, string type, string trackingNumber, PositionPrecision precision) =>
        source == Contracts.Events.EventTypes.ShipmentSource(trackingNumber)
        && !(precision == PositionPrecision.Hidden && type == Contracts.Events.EventTypes.LocationUpdated);

    /// <summary>
    /// The event with every position in its data at <paramref name="precision"/>, and without the
    /// facility a milestone or an arrival names; a milestone's place at city level, as in the view.
    /// </summary>
    public static CloudEventResponse Of(CloudEventResponse e, PositionPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(e);
        var milestone = e.Type == Contracts.Events.EventTypes.MilestoneReached;
        var namesFacility = milestone || e.Type == Contracts.Events.EventTypes.ArrivingSoon;
        if (precision == PositionPrecision.Exact && !namesFacility)
        {
            return e;
        }

        var data = JsonNode.Parse(e.Data.GetRawText());
        if (data is JsonObject fields && namesFacility)
        {
            fields.Remove("facilityId");
            if (milestone && fields["location"] is JsonObject { } place)
            {
                fields["location"] = CityLevel(LatLonOf(place), precision) is { } city ? new JsonObject { ["lat"] = city.Lat, ["lon"] = city.Lon } : null;
            }
        }

        BlurPositions(data, precision);
        using var blurred = JsonDocument.Parse(data?.ToJsonString() ?? "null");
        return e with { Data = blurred.RootElement.Clone() };
    }

    private static LatLon? LatLonOf(JsonObject position) =>
        position["lat"] is JsonValue lat && position["lon"] is JsonValue lon && lat.TryGetValue<double>(out var la) && lon.TryGetValue<double>(out var lo)
            ? new LatLon(la, lo)
            : null;

    /// <summary>Rounds, or removes, every <c>{lat, lon}</c> object under <paramref name="node"/>.</summary>
    private static void BlurPositions(JsonNode? node, PositionPrecision precision)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonObject { } position && position["lat"] is JsonValue lat && position["lon"] is JsonValue lon
                        && lat.TryGetValue<double>(out var la) && lon.TryGetValue<double>(out var lo))
                    {
                        o[name] = Blur(la, lo, precision) is { } p ? new JsonObject { ["lat"] = p.Lat, ["lon"] = p.Lon } : null;
                    }
                    else
                    {
                        BlurPositions(value, precision);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    BlurPositions(item, precision);
                }

                break;
        }
    }

    /// <summary>
    /// Where a scan happened, at city level whatever the owner's precision (none when positions are
    /// hidden): a depot's or hub's exact place and its code are the carrier's business, the town is
    /// what a consignee follows.
    /// </summary>
    private static LatLon? CityLevel(LatLon? point, PositionPrecision precision) =>
        point is { } p && precision != PositionPrecision.Hidden ? new LatLon(Math.Round(p.Lat, CityDecimals), Math.Round(p.Lon, CityDecimals)) : null;

    private static LatLon? Blur(LatLon? point, PositionPrecision precision) =>
        point is { } p && Blur(p.Lat, p.Lon, precision) is { } b ? new LatLon(b.Lat, b.Lon) : null;

    private static (double Lat, double Lon)? Blur(double lat, double lon, PositionPrecision precision) => precision switch
    {
        PositionPrecision.Exact => (lat, lon),
        PositionPrecision.Coarse => (Math.Round(lat, CoarseDecimals), Math.Round(lon, CoarseDecimals)),
        _ => null,
    };
}
