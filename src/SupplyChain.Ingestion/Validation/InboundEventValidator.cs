using System.Text.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Domain.Shipments;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Ingestion.Tracing;

namespace SupplyChain.Ingestion.Validation;

/// <summary>
/// Checks an event as read from a request against the contract (required attributes, known type, event
/// time inside its window, every field inside its bound, identifiers by their rule, the shape of its
/// data) and turns it into the message the grains take. Plausibility against a vehicle's history
/// (stale, jumps) is the vehicle's business, not this. Thread safe.
/// </summary>
public sealed class InboundEventValidator(IOptions<IngestionOptions> options, TimeProvider time)
{
    private static readonly Dictionary<string, ScanType> ScanTypes =
        Enum.GetValues<ScanType>().ToDictionary(t => t.ToString(), StringComparer.Ordinal);

    private static readonly Dictionary<string, ExceptionReason> Reasons =
        Enum.GetValues<ExceptionReason>().ToDictionary(t => t.ToString(), StringComparer.Ordinal);

    private readonly TimeSpan _maxFutureSkew = options.Value.MaxFutureSkew;
    private readonly TimeSpan _maxPastAge = options.Value.MaxPastAge;
    private readonly int _maxEventBytes = options.Value.MaxEventBytes;

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
            InboundEvent? inbound = received.Type == EventTypes.ItemScanned
                ? Scan(received, envelope, JsonSerializer.Deserialize(data, InboundJsonContext.Default.ItemScannedPayload)!, out error)
                : Ping(received, envelope, JsonSerializer.Deserialize(data, InboundJsonContext.Default.GpsPingPayload)!, out error);
            if (inbound is not null && InboundBatchEncoding.SizeBound(inbound, null) > _maxEventBytes)
            {
                // Every field is bounded, so only a bound configured below their sum gets here.
                error = $"The event takes more than {_maxEventBytes} bytes in a stream message.";
                return null;
            }

            return inbound;
        }
        catch (JsonException ex)
        {
            error = $"data has the wrong shape: {ex.Message}";
            return null;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reads invalid UTF-8 and escaped unpaired surrogates, and fails only turning them into strings.
            error = "data holds a string that is not valid text (invalid UTF-8 or an unpaired surrogate).";
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
            return $"Unknown type {EventLimits.Echo(e.Type!)}; expected {EventTypes.ItemScanned} or {EventTypes.GpsPing}.";
        }

        if (e.Id!.Length > EventLimits.MaxIdLength)
        {
            return $"id has {e.Id.Length} characters; at most {EventLimits.MaxIdLength} are allowed.";
        }

        if (EventSourceRule.Problem(e.Source!) is { } badSource)
        {
            return badSource;
        }

        if (e.DataContentType is { } contentType)
        {
            if (contentType.Length > EventLimits.MaxMediaTypeLength)
            {
                return $"datacontenttype has {contentType.Length} characters; at most {EventLimits.MaxMediaTypeLength} are allowed.";
            }

            if (!IsJson(contentType))
            {
                return $"datacontenttype {EventLimits.Echo(contentType)} is not JSON.";
            }
        }

        var now = time.GetUtcNow();
        if (e.Time > now + _maxFutureSkew)
        {
            return $"time {e.Time:O} lies more than {_maxFutureSkew.TotalMinutes:0} minutes in the future.";
        }

        return e.Time < now - _maxPastAge
            ? $"time {e.Time:O} lies more than {_maxPastAge.TotalDays:0.#} days in the past."
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
        if (string.IsNullOrEmpty(data.TrackingNumber))
        {
            error = "data.trackingNumber is required.";
        }
        else if (IdentifierRule.TrackingNumber.Problem(data.TrackingNumber, "data.trackingNumber") is { } badNumber)
        {
            error = badNumber;
        }
        else if (data.ScanType is null)
        {
            error = "data.scanType is required.";
        }
        else if (!ScanTypes.TryGetValue(data.ScanType, out _))
        {
            error = $"data.scanType {EventLimits.Echo(data.ScanType)} is unknown; expected one of {string.Join(", ", ScanTypes.Keys)}.";
        }
        else if (e.Subject is { } subject && subject != data.TrackingNumber)
        {
            error = $"subject {EventLimits.Echo(subject)} differs from data.trackingNumber '{data.TrackingNumber}'.";
        }
        else if (ScanTypes[data.ScanType] == ScanType.LoadedOnVehicle && string.IsNullOrEmpty(data.VehicleId))
        {
            error = "data.vehicleId is required for a LoadedOnVehicle scan.";
        }
        else
        {
            error = Optional(IdentifierRule.VehicleId, data.VehicleId, "data.vehicleId")
                ?? Optional(IdentifierRule.FacilityId, data.FacilityId, "data.facilityId")
                ?? NoteProblem(data.Note)
                ?? ReasonProblem(ScanTypes[data.ScanType], data.ReasonCode)
                ?? ProofProblem(ScanTypes[data.ScanType], data.ProofOfDelivery);
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
                Reason = data.ReasonCode is { } code ? Reasons[code] : null,
                Proof = data.ProofOfDelivery is { } p ? ProofOfDelivery.Of(p.SignedBy, p.PhotoUrl, p.SignatureUrl) : null,
            };
    }

    /// <summary>A reason code belongs to the scans that report a hold-up, and must be one of the taxonomy's.</summary>
    private static string? ReasonProblem(ScanType scanType, string? code)
    {
        if (code is null)
        {
            return null;
        }

        if (scanType is not (ScanType.Exception or ScanType.DeliveryAttempted or ScanType.ReturnedToSender))
        {
            return $"data.reasonCode is for Exception, DeliveryAttempted and ReturnedToSender scans, not {scanType}.";
        }

        return Reasons.ContainsKey(code)
            ? null
            : $"data.reasonCode {EventLimits.Echo(code)} is unknown; expected one of {string.Join(", ", Reasons.Keys)}.";
    }

    /// <summary>Proof of delivery belongs to Delivered scans; its fields are bounded and its URLs https.</summary>
    private static string? ProofProblem(ScanType scanType, ProofOfDeliveryPayload? proof)
    {
        if (proof is null)
        {
            return null;
        }

        return scanType != ScanType.Delivered
            ? $"data.proofOfDelivery is for Delivered scans, not {scanType}."
            : ProofOfDelivery.Problem(proof.SignedBy, proof.PhotoUrl, proof.SignatureUrl, "data.proofOfDelivery.");
    }

    private static PingReceived? Ping(ReceivedEvent e, Envelope envelope, GpsPingPayload data, out string? error)
    {
        error = null;
        GeoPoint point = default;
        if (string.IsNullOrEmpty(data.VehicleId))
        {
            error = "data.vehicleId is required.";
        }
        else if (IdentifierRule.VehicleId.Problem(data.VehicleId, "data.vehicleId") is { } badId)
        {
            error = badId;
        }
        else if (e.Subject is { } subject && subject != data.VehicleId)
        {
            error = $"subject {EventLimits.Echo(subject)} differs from data.vehicleId '{data.VehicleId}'.";
        }
        else
        {
            error = Position(data.Lat, data.Lon, "data.", out point)
                ?? InRange(data.SpeedKmh, EventLimits.MaxSpeedKmh, "data.speedKmh")
                ?? InRange(data.AccuracyM, EventLimits.MaxAccuracyM, "data.accuracyM")
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

    private static string? InRange(double? value, double max, string name) =>
        value is { } v && (!double.IsFinite(v) || v < 0 || v > max) ? $"{name} {v} is outside [0, {max}]." : null;

    private static string? Optional(IdentifierRule rule, string? value, string field) =>
        value is null ? null : rule.Problem(value, field);

    /// <summary>A note is a driver's remark: bounded, and free of control characters other than line breaks and tabs.</summary>
    private static string? NoteProblem(string? note)
    {
        if (note is null)
        {
            return null;
        }

        if (note.Length > EventLimits.MaxNoteLength)
        {
            return $"data.note has {note.Length} characters; at most {EventLimits.MaxNoteLength} are allowed.";
        }

        foreach (var c in note)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return "data.note holds a control character other than a line break or tab.";
            }
        }

        return null;
    }

    /// <summary>The attributes every inbound event carries, checked before its data.</summary>
    private readonly record struct Envelope(string Source, string Id, DateTimeOffset Time, (string? TraceParent, string? TraceState) Trace);
}
