using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyChain.Ingestion.Validation;

// Settable properties rather than positional records: System.Text.Json fills them in place, where a
// constructor with parameters costs an argument buffer and a boxed value per field, per event.

/// <summary>A latitude and longitude as carriers send them.</summary>
internal sealed class LatLonPayload
{
    public double? Lat { get; init; }

    public double? Lon { get; init; }
}

/// <summary>The data of <c>SupplyChain.ItemScanned</c>, as sent; checked by <see cref="InboundEventValidator"/>.</summary>
internal sealed class ItemScannedPayload
{
    public string? TrackingNumber { get; init; }

    public string? ScanType { get; init; }

    public LatLonPayload? Location { get; init; }

    public string? FacilityId { get; init; }

    public string? VehicleId { get; init; }

    public string? Note { get; init; }
}

/// <summary>The data of <c>SupplyChain.GpsPing</c>, as sent.</summary>
internal sealed class GpsPingPayload
{
    public string? VehicleId { get; init; }

    public double? Lat { get; init; }

    public double? Lon { get; init; }

    public double? SpeedKmh { get; init; }

    public double? HeadingDeg { get; init; }

    public double? AccuracyM { get; init; }
}

/// <summary>Source-generated reading of inbound payloads: camelCase, case-insensitive, strict numbers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ItemScannedPayload))]
[JsonSerializable(typeof(GpsPingPayload))]
internal sealed partial class InboundJsonContext : JsonSerializerContext;
