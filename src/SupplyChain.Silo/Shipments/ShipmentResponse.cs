using System.Text.Json.Serialization;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Silo.Events;

namespace SupplyChain.Silo.Shipments;

/// <summary>A position and when it was observed, as the API writes it.</summary>
public sealed record LocationResponse(double Lat, double Lon, DateTimeOffset At);

/// <summary>A latitude and longitude, as the API reads and writes them.</summary>
public sealed record LatLon(double Lat, double Lon)
{
    internal static LatLon? From(GeoPoint? p) => p is { } v ? new(v.Lat, v.Lon) : null;
}

/// <summary>One scan of the shipment's history.</summary>
public sealed record MilestoneResponse(ScanType ScanType, DateTimeOffset At, LatLon? Location, string? FacilityId, string? VehicleId, string? Note)
{
    /// <summary>Why the parcel is held up, when the scan said.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExceptionReason? ReasonCode { get; init; }

    /// <summary>A delivery's proof (owner and ops only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProofOfDelivery? ProofOfDelivery { get; init; }
}

/// <summary>A GeoJSON LineString: positions as [lon, lat].</summary>
public sealed record LineStringGeometry(string Type, IReadOnlyList<double[]> Coordinates);

/// <summary>The shipment's plan as the API writes it back.</summary>
public sealed record PlanResponse(
    string? CarrierId, LatLon? Origin, LatLon? Destination, double? DestinationRadiusM, DateTimeOffset? PromisedBy,
    LineStringGeometry? Route, double? CorridorWidthM)
{
    /// <summary>Planned stops, in order; absent without any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PlanStopRequest>? Stops { get; init; }

    /// <summary>The destination's facility id; absent without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DestinationFacilityId { get; init; }
}

/// <summary><c>GET /api/shipments/{trackingNumber}</c>.</summary>
public sealed record ShipmentResponse(
    string TrackingNumber,
    ShipmentStatus Status,
    ScanType? StatusDetail,
    LocationResponse? Location,
    string? VehicleId,
    DateTimeOffset? Eta,
    DateTimeOffset? OriginalEta,
    DateTimeOffset? PromisedBy,
    IReadOnlyList<MilestoneResponse> Milestones,
    IReadOnlyList<CloudEventResponse> Alerts,
    PlanResponse? Plan)
{
    /// <summary>Why the parcel is held up, when the scan that set the status said (an Exception, a failed attempt, a return).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExceptionReason? StatusReason { get; init; }

    /// <summary>Where the delivery stands against <see cref="PromisedBy"/>: OnTrack, AtRisk or Late; null without a promise.</summary>
    public PromiseStatus? Promise { get; init; }

    /// <summary>For the owner and ops: the owning account (absent while nobody owns it, and in the consignee's view).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Account { get; init; }

    /// <summary>For the owner and ops: the public tracking page's path with its token, to hand to the consignee.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TrackingLink { get; init; }

    /// <summary>The response for <paramref name="view"/>.</summary>
    public static ShipmentResponse From(ShipmentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var plan = view.Plan;
        return new(
            view.TrackingNumber,
            view.Status,
            view.StatusDetail,
            view.Location is { } l ? new LocationResponse(l.Position.Lat, l.Position.Lon, l.At) : null,
            view.VehicleId,
            view.Eta,
            view.OriginalEta,
            plan?.PromisedBy,
            [.. view.Milestones.Select(m => new MilestoneResponse(m.ScanType, m.At, LatLon.From(m.Location), m.FacilityId, m.VehicleId, m.Note)
            {
                ReasonCode = m.Reason,
                ProofOfDelivery = m.Proof,
            })],
            [.. view.Alerts.Select(CloudEventResponse.From)],
            plan is null ? null : new PlanResponse(
                plan.CarrierId, LatLon.From(plan.Origin), LatLon.From(plan.Destination), plan.DestinationRadiusM, plan.PromisedBy,
                plan.Route is { } r ? new LineStringGeometry("LineString", [.. r.Select(p => new[] { p.Lon, p.Lat })]) : null,
                plan.CorridorWidthM)
            {
                Stops = plan.Stops?.Select(s => new PlanStopRequest(s.FacilityId, LatLon.From(s.Location), s.Dwell?.TotalMinutes)).ToList(),
                DestinationFacilityId = plan.DestinationFacilityId,
            })
        {
            // The scan that set the status is the latest (in event time) of its type: an older one never sets it.
            StatusReason = view.Milestones.LastOrDefault(m => m.ScanType == view.StatusDetail)?.Reason,
            Promise = view.Promise,
        };
    }
}
