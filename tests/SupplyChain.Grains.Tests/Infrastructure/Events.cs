using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Grains.Tests.Infrastructure;

public static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static ScanReceived Scan(string tn, ScanType type, DateTimeOffset at, string? id = null, string? vehicleId = null) =>
        new("/carriers/test", id ?? Guid.NewGuid().ToString("N"), at, tn, type, new GeoPoint(51.92, 4.48), "RTM-1", vehicleId, null);

    public static PingReceived Ping(string vehicleId, double lat, double lon, DateTimeOffset at, string? id = null) =>
        new("/devices/test", id ?? Guid.NewGuid().ToString("N"), at, vehicleId, new GeoPoint(lat, lon), 60, 90, 5);

    /// <summary>The <paramref name="n"/>th status change of shipment <paramref name="subject"/>, with a fresh id: what a dispatcher is handed.</summary>
    public static OutboundEvent StatusChanged(string subject, int n) => new(
        $"{subject}-{n}-{Guid.NewGuid():N}", EventTypes.ShipmentStatusChanged, "/supplychain/shipments/" + subject, subject,
        DateTimeOffset.UnixEpoch.AddMinutes(n), "{}");
}
