using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Archive.Records;

namespace SupplyChain.Archive.Erasure;

/// <summary>
/// What erasing one shipment does to each archived record: its scans and its own outbound events go
/// (they are the shipment: its number, places and times); an outbound event of a vehicle that carried
/// it stays (the vehicle's stop or breach belongs to the vehicle's owner) but loses the number from its
/// <c>trackingNumbers</c>; pings and everything else stay as they are. Pure.
/// </summary>
/// <param name="TrackingNumber">The shipment's tracking number.</param>
/// <param name="Key">The shipment's key: the number itself, or the number with the account for a later account's shipment of it.</param>
/// <param name="Vehicles">The vehicles that carried it, whose events name it among those on board.</param>
public sealed record ErasedShipment(string TrackingNumber, string Key, IReadOnlySet<string> Vehicles)
{
    private const string TrackingNumbersProperty = "trackingNumbers";

    /// <summary>The record as it stays in the archive: unchanged, with the number taken out, or null when it goes.</summary>
    public ArchiveRecord? Apply(ArchiveRecord record)
    {
        if (record.TrackingNumber == TrackingNumber && (record.ShipmentKey ?? record.TrackingNumber) == Key)
        {
            return null;
        }

        if (record is { Direction: ArchiveDirection.Outbound, VehicleId: { } vehicle, Data: { } data }
            && Vehicles.Contains(vehicle)
            && data.Contains(TrackingNumber, StringComparison.Ordinal)
            && Redacted(data) is { } redacted)
        {
            return record with { Data = redacted };
        }

        return record;
    }

    /// <summary>The data without the number in its <c>trackingNumbers</c>, or null when it lists no such number.</summary>
    private string? Redacted(string data)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return null;
        }

        if (json is not JsonObject { } body || body[TrackingNumbersProperty] is not JsonArray numbers)
        {
            return null;
        }

        var kept = new JsonArray([.. numbers.Where(n => n?.GetValueKind() != JsonValueKind.String || (string?)n != TrackingNumber).Select(n => n?.DeepClone())]);
        if (kept.Count == numbers.Count)
        {
            return null;
        }

        body[TrackingNumbersProperty] = kept;
        return body.ToJsonString();
    }
}
