namespace SupplyChain.Domain.Geofences;

/// <summary>How a geofence's area is described.</summary>
public enum GeofenceShape
{
    /// <summary>A GeoJSON Polygon or MultiPolygon; holes are outside the fence.</summary>
    Polygon,

    /// <summary>A GeoJSON Point with <c>properties.radiusM</c>: every position within the radius.</summary>
    Circle,

    /// <summary>A GeoJSON LineString with <c>properties.widthM</c> (total width): every position within half of it.</summary>
    Corridor,
}
