using System.Text.Json;
using System.Text.Json.Serialization;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Contracts.Events;

/// <summary>A latitude and longitude as outbound payloads and the API write them.</summary>
public sealed record LatLon(double Lat, double Lon);

/// <summary>Data of <c>SupplyChain.ShipmentStatusChanged</c>.</summary>
public sealed record ShipmentStatusChangedData(
    string TrackingNumber, ShipmentStatus Status, ShipmentStatus PreviousStatus, ScanType? StatusDetail, DateTimeOffset At);

/// <summary>Data of <c>SupplyChain.Delivered</c>.</summary>
public sealed record DeliveredData(string TrackingNumber, DateTimeOffset At, LatLon? Location);

/// <summary>Data of <c>SupplyChain.LocationUpdated</c> (live feed only).</summary>
public sealed record LocationUpdatedData(
    string TrackingNumber, string VehicleId, LatLon Location, DateTimeOffset At, double? SpeedKmh, double? HeadingDeg);

/// <summary>Data of <c>SupplyChain.ETARecalculated</c>.</summary>
public sealed record EtaRecalculatedData(string TrackingNumber, DateTimeOffset Eta, DateTimeOffset? PreviousEta, double RemainingKm);

/// <summary>Data of <c>SupplyChain.ArrivingSoon</c>.</summary>
public sealed record ArrivingSoonData(string TrackingNumber, DateTimeOffset Eta, double RemainingKm);

/// <summary>Data of <c>SupplyChain.NoMovementDetected</c>; no vehicle for an idle shipment.</summary>
public sealed record NoMovementDetectedData(
    string? VehicleId, IReadOnlyList<string> TrackingNumbers, LatLon? Location, DateTimeOffset Since, long DurationSeconds);

/// <summary>Data of <c>SupplyChain.GeofenceBreached</c>; <c>geofenceId</c> is <c>route</c> for a route corridor.</summary>
public sealed record GeofenceBreachedData(
    string VehicleId, IReadOnlyList<string> TrackingNumbers, string GeofenceId, string Reason, LatLon Location, DateTimeOffset At);

/// <summary>Data of <c>SupplyChain.GeofenceEntered</c> and <c>SupplyChain.GeofenceExited</c>.</summary>
public sealed record GeofenceCrossedData(string VehicleId, string GeofenceId, LatLon Location, DateTimeOffset At);

/// <summary>Source-generated JSON for outbound payloads: camelCase, enums as names, absent values as null.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ShipmentStatusChangedData))]
[JsonSerializable(typeof(DeliveredData))]
[JsonSerializable(typeof(LocationUpdatedData))]
[JsonSerializable(typeof(EtaRecalculatedData))]
[JsonSerializable(typeof(ArrivingSoonData))]
[JsonSerializable(typeof(NoMovementDetectedData))]
[JsonSerializable(typeof(GeofenceBreachedData))]
[JsonSerializable(typeof(GeofenceCrossedData))]
public sealed partial class OutboundJsonContext : JsonSerializerContext;
