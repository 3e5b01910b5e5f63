using System.Globalization;
using System.Text.Json.Nodes;

namespace SupplyChain.Fuzz.Cases;

/// <summary>CloudEvents as carriers and devices send them, as JSON trees a case can then break.</summary>
internal static class EventJson
{
    public const string ScanType = "SupplyChain.ItemScanned";
    public const string PingType = "SupplyChain.GpsPing";

    public static readonly string[] ScanTypes =
    [
        "LabelCreated", "PickedUp", "ArrivedAtFacility", "DepartedFacility", "LoadedOnVehicle", "UnloadedFromVehicle",
        "OutForDelivery", "DeliveryAttempted", "Delivered", "AvailableForPickup", "Exception", "ReturnedToSender",
    ];

    public static JsonObject Scan(string id, string trackingNumber, string scanType, DateTimeOffset time, string? vehicleId)
    {
        var data = new JsonObject
        {
            ["trackingNumber"] = trackingNumber,
            ["scanType"] = scanType,
            ["location"] = new JsonObject { ["lat"] = 51.9225, ["lon"] = 4.47917 },
            ["facilityId"] = "RTM-1",
            ["note"] = "fuzz",
        };
        if (vehicleId is not null)
        {
            data["vehicleId"] = vehicleId;
        }

        return Envelope(ScanType, id, "/fuzz/scanners/1", trackingNumber, time, data);
    }

    public static JsonObject Ping(string id, string vehicleId, double lat, double lon, DateTimeOffset time) =>
        Envelope(PingType, id, "/fuzz/devices/gps", vehicleId, time, PingData(vehicleId, lat, lon));

    public static JsonObject PingData(string vehicleId, double lat, double lon) => new()
    {
        ["vehicleId"] = vehicleId,
        ["lat"] = lat,
        ["lon"] = lon,
        ["speedKmh"] = 4,
        ["headingDeg"] = 0,
        ["accuracyM"] = 8,
    };

    /// <summary>A valid event about a subject of its own (not one of the run's known ones), for a case to break.</summary>
    public static JsonObject Random(Random random, string idPrefix, DateTimeOffset now)
    {
        var id = $"{idPrefix}-{random.Next():x}";
        var time = now.AddMinutes(-random.Next(1, 600));
        return random.Next(2) == 0
            ? Scan(id, $"FZX-{random.Next(100_000)}", ScanTypes[random.Next(ScanTypes.Length)], time, $"FZX-V{random.Next(1000)}")
            : Ping(id, $"FZX-V{random.Next(1000)}", -60 + (random.NextDouble() * 120), -170 + (random.NextDouble() * 340), time);
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Envelope(string type, string id, string source, string subject, DateTimeOffset time, JsonObject data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = source,
        ["type"] = type,
        ["subject"] = subject,
        ["time"] = Time(time),
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };
}
