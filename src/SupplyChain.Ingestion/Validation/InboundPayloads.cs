using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyChain.Ingestion.Validation;

// Settable properties, not positional records nor init-only ones: System.Text.Json fills these in
// place, where a constructor with parameters (and its source generator treats init-only properties
// as such) costs an argument buffer and a boxed value per field, per event.

/// <summary>A latitude and longitude as carriers send them.</summary>
internal sealed class LatLonPayload
{
    public double? Lat { get; set; }

    public double? Lon { get; set; }
}

/// <summary>The data of <c>SupplyChain.ItemScanned</c>, as sent; checked by <see cref="InboundEventValidator"/>.</summary>
internal sealed class ItemScannedPayload
{
    public string? TrackingNumber { get; set; }

    public string? ScanType { get; set; }

    public LatLonPayload? Location { get; set; }

    public string? FacilityId { get; set; }

    public string? VehicleId { get; set; }

    public string? Note { get; set; }

    public string? ReasonCode { get; set; }

    public ProofOfDeliveryPayload? ProofOfDelivery { get; set; }
}

/// <summary>A Delivered scan's <c>data.proofOfDelivery</c>, as sent.</summary>
internal sealed class ProofOfDeliveryPayload
{
    public string? SignedBy { get; set; }

    public string? PhotoUrl { get; set; }

    public string? SignatureUrl { get; set; }
}

/// <summary>The data of <c>SupplyChain.GpsPing</c>, as sent.</summary>
internal sealed class GpsPingPayload
{
    public string? VehicleId { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public double? SpeedKmh { get; set; }

    public double? HeadingDeg { get; set; }

    public double? AccuracyM { get; set; }
}

/// <summary>Source-generated reading of inbound payloads: camelCase, case-insensitive, strict numbers, each field once.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ItemScannedPayload))]
[JsonSerializable(typeof(GpsPingPayload))]
internal sealed partial class InboundJsonContext : JsonSerializerContext;
