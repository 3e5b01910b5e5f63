using System.Text.Json;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;

namespace SupplyChain.Silo.Demo;

/// <summary>
/// A place on the demo's scripted trips that is also a geofence: a circle of <paramref name="RadiusM"/>
/// metres around <paramref name="Location"/>, of <paramref name="Kind"/> (a <c>Depot</c> is a facility).
/// Immutable.
/// </summary>
internal sealed record DemoPlace(string Id, string Name, GeoPoint Location, double RadiusM, GeofenceKind Kind)
{
    /// <summary>The fence as <c>PUT /api/geofences/{id}</c> takes it: a GeoJSON Feature.</summary>
    public string Feature => JsonSerializer.Serialize(new
    {
        type = "Feature",
        id = Id,
        geometry = new { type = "Point", coordinates = new[] { Location.Lon, Location.Lat } },
        properties = new { kind = Kind.ToString(), radiusM = RadiusM, name = Name },
    });
}
