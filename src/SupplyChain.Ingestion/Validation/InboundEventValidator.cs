using System.Text.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Ingestion.Tracing;

namespace SupplyChain.Ingestion.Validation;

/// <summary>
/// Checks an event as read from a request against the contract (required attributes, known type, event
/// time not in the future, the shape of its data) and turns it into the message the grains take.
/// Plausibility against a vehicle's history (stale, jumps) is the vehicle's business, not this.
/// Thread safe.
/// </summary>
public sealed class InboundEventValidator(IOptions<IngestionOptions> options, TimeProvider time)
{
    private static readonly Dictionary<string, ScanType> ScanTypes =
        Enum.GetValues<ScanType>().ToDictionary(t => t.ToString(), StringComparer.Ordinal);

    private readonly TimeSpan _maxFutureSkew = options.Value.MaxFutureSkew;

    /// <summary>The message for <paramref name="received"/>, or null with <paramref name="error"/> saying why not.</summary>
    /// <param name="received">The event as read; its data must still be valid (its request's body not yet released).</param>
    /// <param name="previous">The request's previous accepted event: its <c>source</c> string is reused when the same, so a
    /// request's events share one (which the stream message then writes once).</param>
    /// <param name="error">Why the event is refused.</param>
    public InboundEvent? Validate(ReceivedEvent received, InboundEvent? previous, out string? error)
    {
        ArgumentNullException.ThrowIfNull(received);
        error = Attributes(received);
        if (error is not null)
        {
            return null;
        }

        if (received.DataKind != JsonValueKind.Object)
        {
            error = "data must be a JSON object.";
            return null;
        }

        try
        {
            var source = received.Source!;
            var envelope = new Envelope(
                previous?.Source == source ? previous.Source : source,
                received.Id!,
                received.Time!.Value,
                DistributedTracing.ContextOf(received.TraceParent, received.TraceState));
            var data = received.Data.Span;
            return received.Type == EventTypes.ItemScanned
                ? Scan(received, envelope, JsonSerializer.Deserialize(data, InboundJsonContext.Default.ItemScannedPayload)!, out error)
                : Ping(received, envelope, JsonSerializer.Deserialize(data, InboundJsonContext.Default.GpsPingPayload)!, out error);
        }
        catch (JsonException ex)
        {
            error = $"data has the wrong shape: {ex.Message}";
            return null;
        }
    }

    private string? Attributes(ReceivedEvent e)
    {
        if (Missing(e) is { } missing)
        {
            return $"Missing required attribute(s): {string.Join(", ", missing)}.";
        }

        if (e.Type is not (EventTypes.ItemScanned or EventTypes.GpsPing))
        {
            return $"Unknown type '{e.Type}'; expected {EventTypes.ItemScanned} or {EventTypes.GpsPing}.";
        }

        if (e.DataContentType is { } contentType && !IsJson(contentType))
        {
            return $"datacontenttype '{contentType}' is not JSON.";
        }

        var latest = time.GetUtcNow() + _maxFutureSkew;
        return e.Time > latest
            ? $"time {e.Time:O} lies more than {_maxFutureSkew.TotalMinutes:0} minutes in the future."
            : null;
    }

    /// <summary>The required attributes <paramref name="e"/> lacks; null (and no list made) when it has them all, as nearly every event does.</summary>
    private static List<string>? Missing(ReceivedEvent e)
    {
        List<string>? missing = null;
        if (string.IsNullOrEmpty(e.Id))
        {
            (missing ??= []).Add("id");
        }

        if (string.IsNullOrEmpty(e.Source))
        {
            (missing ??= []).Add("source");
        }

        if (string.IsNullOrEmpty(e.Type))
        {
            (missing ??= []).Add("type");
        }

        if (e.Time is null)
        {
            (missing ??= []).Add("time");
        }

        return missing;
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = MediaType.Of(contentType);
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static ScanReceived? Scan(ReceivedEvent e, Envelope envelope, ItemScannedPayload data, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(data.TrackingNumber))
        {
            error = "data.trackingNumber is required.";
        }
        else if (data.ScanType is null)
        {
            error = "data.scanType is required.";
        }
        else if (!ScanTypes.TryGetValue(data.ScanType, out _))
        {
            error = $"data.scanType '{data.ScanType}' is unknown; expected one of {string.Join(", ", ScanTypes.Keys)}.";
        }
        else if (e.Subject is { } subject && subject != data.TrackingNumber)
        {
            error = $"subject '{subject}' differs from data.trackingNumber '{data.TrackingNumber}'.";
        }
        else if (ScanTypes[data.ScanType] == ScanType.LoadedOnVehicle && string.IsNullOrWhiteSpace(data.VehicleId))
        {
            error = "data.vehicleId is required for a LoadedOnVehicle scan.";
        }

        GeoPoint? location = null;
        if (error is null && data.Location is { } l)
        {
            error = Position(l.Lat, l.Lon, "data.location.", out var point);
            location = point;
        }

        return error is not null
            ? null
            : new ScanReceived(
                envelope.Source, envelope.Id, envelope.Time, data.TrackingNumber!, ScanTypes[data.ScanType!], location,
                data.FacilityId, data.VehicleId, data.Note)
            {
                TraceParent = envelope.Trace.TraceParent,
                TraceState = envelope.Trace.TraceState,
            };
    }

    private static PingReceived? Ping(ReceivedEvent e, Envelope envelope, GpsPingPayload data, out string? error)
    {
        error = null;
        GeoPoint point = default;
        if (string.IsNullOrWhiteSpace(data.VehicleId))
        {
            error = "data.vehicleId is required.";
        }
        else if (e.Subject is { } subject && subject != data.VehicleId)
        {
            error = $"subject '{subject}' differs from data.vehicleId '{data.VehicleId}'.";
        }
        else
        {
            error = Position(data.Lat, data.Lon, "data.", out point)
                ?? NonNegative(data.SpeedKmh, "data.speedKmh")
                ?? NonNegative(data.AccuracyM, "data.accuracyM")
                ?? (data.HeadingDeg is { } h && (!double.IsFinite(h) || h < 0 || h >= 360)
                    ? $"data.headingDeg {h} is outside [0, 360)." : null);
        }

        return error is not null
            ? null
            : new PingReceived(envelope.Source, envelope.Id, envelope.Time, data.VehicleId!, point, data.SpeedKmh, data.HeadingDeg, data.AccuracyM)
            {
                TraceParent = envelope.Trace.TraceParent,
                TraceState = envelope.Trace.TraceState,
            };
    }

    private static string? Position(double? lat, double? lon, string prefix, out GeoPoint point)
    {
        point = default;
        if (lat is null || lon is null)
        {
            return $"{prefix}lat and {prefix}lon are required.";
        }

        if (!double.IsFinite(lat.Value) || lat is < -90 or > 90)
        {
            return $"{prefix}lat {lat} is outside [-90, 90].";
        }

        if (!double.IsFinite(lon.Value) || lon is < -180 or > 180)
        {
            return $"{prefix}lon {lon} is outside [-180, 180].";
        }

        point = new GeoPoint(lat.Value, lon.Value);
        return null;
    }

    private static string? NonNegative(double? value, string name) =>
        value is { } v && (!double.IsFinite(v) || v < 0) ? $"{name} {v} must be a finite number >= 0." : null;

    /// <summary>The attributes every inbound event carries, checked before its data.</summary>
    private readonly record struct Envelope(string Source, string Id, DateTimeOffset Time, (string? TraceParent, string? TraceState) Trace);
}
