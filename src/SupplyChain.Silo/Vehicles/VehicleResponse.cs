using SupplyChain.Contracts.Vehicles;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Vehicles;

/// <summary><c>GET /api/vehicles/{vehicleId}</c>.</summary>
public sealed record VehicleResponse(
    string VehicleId,
    LocationResponse? Location,
    double? SpeedKmh,
    double? HeadingDeg,
    bool Moving,
    DateTimeOffset? StoppedSince,
    IReadOnlyList<string> InsideGeofences,
    IReadOnlyList<string> Shipments,
    IReadOnlyDictionary<string, long> IgnoredPings)
{
    /// <summary>The response for <paramref name="view"/>.</summary>
    public static VehicleResponse From(VehicleView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            view.VehicleId,
            view.Location is { } l ? new LocationResponse(l.Position.Lat, l.Position.Lon, l.At) : null,
            view.SpeedKmh, view.HeadingDeg, view.Moving, view.StoppedSince, view.InsideGeofences, view.Shipments, view.IgnoredPings);
    }
}

/// <summary>One vehicle of <c>GET /api/vehicles</c>.</summary>
public sealed record VehicleListItem(string VehicleId, LocationResponse Location, double? SpeedKmh, double? HeadingDeg, bool Moving)
{
    /// <summary>The list item for <paramref name="summary"/>.</summary>
    public static VehicleListItem From(VehicleSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(
            summary.VehicleId,
            new LocationResponse(summary.Location.Position.Lat, summary.Location.Position.Lon, summary.Location.At),
            summary.SpeedKmh, summary.HeadingDeg, summary.Moving);
    }
}
