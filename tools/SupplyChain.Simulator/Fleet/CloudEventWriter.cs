using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace SupplyChain.Simulator.Fleet;

/// <summary>Writes the fleet's CloudEvents as the platform's carriers and devices send them.</summary>
internal static class CloudEventWriter
{
    public const string PingSource = "/simulator/devices";
    public const string ScanSource = "/simulator/scanners";

    /// <summary>
    /// A batched-mode body: one ping per vehicle of <paramref name="vehicles"/> at <paramref name="time"/>,
    /// each where its trip is <paramref name="sinceStart"/> in (plus its own <paramref name="head"/> start, when given).
    /// </summary>
    public static byte[] PingBatch(IEnumerable<SimulatedVehicle> vehicles, DateTimeOffset time, TimeSpan sinceStart, string tick, Func<SimulatedVehicle, TimeSpan>? head = null)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var vehicle in vehicles)
            {
                WritePing(json, vehicle, time, sinceStart + (head?.Invoke(vehicle) ?? TimeSpan.Zero), tick);
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A structured-mode body: one ping of <paramref name="vehicle"/>, as a device posts it on its own.</summary>
    public static byte[] Ping(SimulatedVehicle vehicle, DateTimeOffset time, TimeSpan sinceStart, string tick)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            WritePing(json, vehicle, time, sinceStart, tick);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WritePing(Utf8JsonWriter json, SimulatedVehicle vehicle, DateTimeOffset time, TimeSpan sinceStart, string tick)
    {
        var (lat, lon, speed) = vehicle.Trip.At(sinceStart);
        Envelope(json, vehicle.Id + "-" + tick, PingSource, "SupplyChain.GpsPing", vehicle.Id, time);
        json.WriteString("vehicleId", vehicle.Id);
        json.WriteNumber("lat", Math.Round(lat, 6));
        json.WriteNumber("lon", Math.Round(lon, 6));
        json.WriteNumber("speedKmh", Math.Round(speed, 1));
        json.WriteNumber("accuracyM", 8);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A structured-mode scan.</summary>
    public static byte[] Scan(string trackingNumber, string scanType, string? vehicleId, DateTimeOffset time, City where)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Envelope(json, $"{trackingNumber}-{scanType}", ScanSource, "SupplyChain.ItemScanned", trackingNumber, time);
            json.WriteString("trackingNumber", trackingNumber);
            json.WriteString("scanType", scanType);
            json.WriteStartObject("location");
            json.WriteNumber("lat", where.Lat);
            json.WriteNumber("lon", where.Lon);
            json.WriteEndObject();
            json.WriteString("facilityId", where.Name.ToUpperInvariant());
            if (vehicleId is not null)
            {
                json.WriteString("vehicleId", vehicleId);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A batched-mode body of structured events written one by one.</summary>
    public static byte[] Batch(IEnumerable<byte[]> events)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        buffer.Write("["u8);
        var first = true;
        foreach (var e in events)
        {
            if (!first)
            {
                buffer.Write(","u8);
            }

            buffer.Write(e);
            first = false;
        }

        buffer.Write("]"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The plan of a shipment on its vehicle's trip.</summary>
    public static byte[] Plan(SimulatedShipment shipment, DateTimeOffset promisedBy)
    {
        var trip = shipment.Vehicle.Trip;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("carrierId", "SIMULATOR");
            json.WriteStartObject("origin");
            json.WriteNumber("lat", trip.From.Lat);
            json.WriteNumber("lon", trip.From.Lon);
            json.WriteEndObject();
            json.WriteStartObject("destination");
            json.WriteNumber("lat", trip.To.Lat);
            json.WriteNumber("lon", trip.To.Lon);
            json.WriteEndObject();
            json.WriteNumber("destinationRadiusM", 500);
            json.WriteString("promisedBy", promisedBy.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartObject("route");
            json.WriteString("type", "LineString");
            json.WriteStartArray("coordinates");
            foreach (var (lat, lon) in trip.Points)
            {
                json.WriteStartArray();
                json.WriteNumberValue(lon);
                json.WriteNumberValue(lat);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteNumber("corridorWidthM", 4000);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Envelope(Utf8JsonWriter json, string id, string source, string type, string subject, DateTimeOffset time)
    {
        json.WriteStartObject();
        json.WriteString("specversion", "1.0");
        json.WriteString("id", id);
        json.WriteString("source", source);
        json.WriteString("type", type);
        json.WriteString("subject", subject);
        json.WriteString("time", time.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("datacontenttype", "application/json");
        json.WriteStartObject("data");
    }
}
