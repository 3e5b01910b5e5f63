using System.Text.Json;
using System.Text.Json.Serialization;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Contracts.Events;

/// <summary>A latitude and longitude as outbound payloads and the API write them.</summary>
public sealed record LatLon(double Lat, double Lon);

/// <summary>Data of <c>SupplyChain.ShipmentStatusChanged</c>.</summary>
public sealed record ShipmentStatusChangedData(
    string TrackingNumber, ShipmentStatus Status, ShipmentStatus PreviousStatus, ScanType? StatusDetail, DateTimeOffset At);

/// <summary>
/// Data of <c>SupplyChain.MilestoneReached</c>: one accepted scan as the carrier sent it, at its event
/// time, and the shipment's status after it (unchanged for a scan that moves no status or came late).
/// </summary>
public sealed record MilestoneReachedData(
    string TrackingNumber, ScanType ScanType, DateTimeOffset At, LatLon? Location, string? FacilityId, string? VehicleId,
    ExceptionReason? ReasonCode, ShipmentStatus Status);

/// <summary>Data of <c>SupplyChain.Delivered</c>.</summary>
public sealed record DeliveredData(string TrackingNumber, DateTimeOffset At, LatLon? Location);

/// <summary>Data of <c>SupplyChain.LocationUpdated</c> (live feed only).</summary>
public sealed record LocationUpdatedData(
    string TrackingNumber, string VehicleId, LatLon Location, DateTimeOffset At, double? SpeedKmh, double? HeadingDeg);

/// <summary>Data of <c>SupplyChain.ETARecalculated</c>.</summary>
public sealed record EtaRecalculatedData(string TrackingNumber, DateTimeOffset Eta, DateTimeOffset? PreviousEta, double RemainingKm);

/// <summary>Data of <c>SupplyChain.ArrivingSoon</c>; <c>facilityId</c> when the destination is a facility.</summary>
public sealed record ArrivingSoonData(string TrackingNumber, DateTimeOffset Eta, double RemainingKm, string? FacilityId = null);

/// <summary>Data of <c>SupplyChain.NoMovementDetected</c>; no vehicle for an idle shipment.</summary>
public sealed record NoMovementDetectedData(
    string? VehicleId, IReadOnlyList<string> TrackingNumbers, LatLon? Location, DateTimeOffset Since, long DurationSeconds);

/// <summary>Data of <c>SupplyChain.GeofenceBreached</c>; <c>geofenceId</c> is <c>route</c> for a route corridor.</summary>
public sealed record GeofenceBreachedData(
    string VehicleId, IReadOnlyList<string> TrackingNumbers, string GeofenceId, string Reason, LatLon Location, DateTimeOffset At);

/// <summary>Data of <c>SupplyChain.GeofenceEntered</c> and <c>SupplyChain.GeofenceExited</c>.</summary>
public sealed record GeofenceCrossedData(string VehicleId, string GeofenceId, LatLon Location, DateTimeOffset At);

/// <summary>Data of <c>SupplyChain.VehicleArrived</c> and <c>SupplyChain.VehicleDeparted</c>: the facility, the load, and for a departure the time spent there.</summary>
public sealed record VehicleMovementData(
    string VehicleId, IReadOnlyList<string> TrackingNumbers, string FacilityId, LatLon Location, DateTimeOffset At, long? DwellSeconds);

/// <summary>Data of <c>SupplyChain.DeliveryAtRisk</c>: the estimate, and how many whole minutes (rounded up) it is past the promise.</summary>
public sealed record DeliveryAtRiskData(string TrackingNumber, DateTimeOffset PromisedBy, DateTimeOffset Eta, long LateByMinutes, DateTimeOffset At);

/// <summary>Data of <c>SupplyChain.DeliveryBackOnTrack</c>.</summary>
public sealed record DeliveryBackOnTrackData(string TrackingNumber, DateTimeOffset PromisedBy, DateTimeOffset Eta, DateTimeOffset At);

/// <summary>Data of <c>SupplyChain.DeliveryLate</c>; <c>at</c> is the promised time, when it broke.</summary>
public sealed record DeliveryLateData(string TrackingNumber, DateTimeOffset PromisedBy, DateTimeOffset At);

/// <summary>Source-generated JSON for outbound payloads: camelCase, enums as names, absent values as null.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ShipmentStatusChangedData))]
[JsonSerializable(typeof(MilestoneReachedData))]
[JsonSerializable(typeof(DeliveredData))]
[JsonSerializable(typeof(LocationUpdatedData))]
[JsonSerializable(typeof(EtaRecalculatedData))]
[JsonSerializable(typeof(ArrivingSoonData))]
[JsonSerializable(typeof(NoMovementDetectedData))]
[JsonSerializable(typeof(GeofenceBreachedData))]
[JsonSerializable(typeof(GeofenceCrossedData))]
[JsonSerializable(typeof(VehicleMovementData))]
[JsonSerializable(typeof(DeliveryAtRiskData))]
[JsonSerializable(typeof(DeliveryBackOnTrackData))]
[JsonSerializable(typeof(DeliveryLateData))]
public sealed partial class OutboundJsonContext : JsonSerializerContext;
