using System.Globalization;
using System.Text.Json;
using SupplyChain.Archive.Records;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Replay.Posting;

/// <summary>
/// Writes an archived inbound record back as the structured CloudEvent the carrier posted: the same
/// type, source, id, subject and time (to the 100 ns tick), and the contract's data fields from the
/// archive's columns. The same id and time are what make the target raise the same outbound events.
/// </summary>
internal static class InboundCloudEvent
{
    /// <summary>Writes <paramref name="record"/> (an inbound ping or scan) to <paramref name="json"/>.</summary>
    public static void Write(Utf8JsonWriter json, ArchiveRecord record)
    {
        json.WriteStartObject();
        json.WriteString("specversion", "1.0");
        json.WriteString("id", record.Id);
        json.WriteString("source", record.Source);
        json.WriteString("type", record.Type);
        if (record.Subject is not null)
        {
            json.WriteString("subject", record.Subject);
        }

        json.WriteString("time", record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("datacontenttype", "application/json");
        json.WriteStartObject("data");
        switch (record.Type)
        {
            case EventTypes.GpsPing:
                json.WriteString("vehicleId", record.VehicleId);
                Number(json, "lat", record.Lat);
                Number(json, "lon", record.Lon);
                Number(json, "speedKmh", record.SpeedKmh);
                Number(json, "headingDeg", record.HeadingDeg);
                Number(json, "accuracyM", record.AccuracyM);
                break;
            case EventTypes.ItemScanned:
                json.WriteString("trackingNumber", record.TrackingNumber);
                json.WriteString("scanType", record.ScanType);
                if (record.Lat is { } lat && record.Lon is { } lon)
                {
                    json.WriteStartObject("location");
                    json.WriteNumber("lat", lat);
                    json.WriteNumber("lon", lon);
                    json.WriteEndObject();
                }

                Text(json, "facilityId", record.FacilityId);
                Text(json, "vehicleId", record.VehicleId);
                Text(json, "note", record.Note);
                Text(json, "reasonCode", record.ReasonCode);
                if (record.SignedBy is not null || record.PhotoUrl is not null || record.SignatureUrl is not null)
                {
                    json.WriteStartObject("proofOfDelivery");
                    Text(json, "signedBy", record.SignedBy);
                    Text(json, "photoUrl", record.PhotoUrl);
                    Text(json, "signatureUrl", record.SignatureUrl);
                    json.WriteEndObject();
                }

                break;
            default:
                throw new NotSupportedException($"The archive holds an inbound event of type '{record.Type}' ({record.Source} {record.Id}) that this tool cannot post.");
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
