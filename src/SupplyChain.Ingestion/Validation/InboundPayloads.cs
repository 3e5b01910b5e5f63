using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyChain.Ingestion.Validation;

/// <summary>A latitude and longitude as carriers send them.</summary>
internal sealed record LatLonPayload(double? Lat, double? Lon);

/// <summary>The data of <c>SupplyChain.ItemScanned</c>, as sent; checked by <see cref="InboundEventValidator"/>.</summary>
internal sealed record ItemScannedPayload(
    string? TrackingNumber, string? ScanType, LatLonPayload? Location, string? FacilityId, string? VehicleId, string? Note);

/// <summary>The data of <c>SupplyChain.GpsPing</c>, as sent.</summary>
internal sealed record GpsPingPayload(
    string? VehicleId, double? Lat, double? Lon, double? SpeedKmh, double? HeadingDeg, double? AccuracyM);

/// <summary>Source-generated reading of inbound payloads: camelCase, case-insensitive, strict numbers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ItemScannedPayload))]
[JsonSerializable(typeof(GpsPingPayload))]
internal sealed partial class InboundJsonContext : JsonSerializerContext;
