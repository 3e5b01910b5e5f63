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

/// <summary>Source-generated JSON for outbound payloads: camelCase, enums as names.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShipmentStatusChangedData))]
[JsonSerializable(typeof(DeliveredData))]
[JsonSerializable(typeof(LocationUpdatedData))]
public sealed partial class OutboundJsonContext : JsonSerializerContext;
