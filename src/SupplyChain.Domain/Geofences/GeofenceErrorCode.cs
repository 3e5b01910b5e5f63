namespace SupplyChain.Domain.Geofences;

/// <summary>Why a geofence was refused.</summary>
public enum GeofenceErrorCode
{
    /// <summary>The text is not JSON, or not a GeoJSON Feature object.</summary>
    InvalidJson,

    /// <summary>Neither the caller nor the Feature gave an id.</summary>
    MissingId,

    /// <summary><c>properties.kind</c> is absent.</summary>
    MissingKind,

    /// <summary><c>properties.kind</c> is not Depot, Restricted or Zone.</summary>
    UnknownKind,

    /// <summary>The geometry is missing, malformed, empty or otherwise invalid.</summary>
    InvalidGeometry,

    /// <summary>The geometry type is not Polygon, MultiPolygon, Point or LineString.</summary>
    UnsupportedGeometry,

    /// <summary>A polygon ring crosses itself or another ring.</summary>
    SelfIntersection,

    /// <summary>A circle's <c>radiusM</c> is missing, not a number, or not positive.</summary>
    InvalidRadius,

    /// <summary>A corridor's <c>widthM</c> is missing, not a number, or not positive.</summary>
    InvalidWidth,

    /// <summary>A latitude is outside [-90, 90] or a longitude outside [-180, 180].</summary>
    CoordinatesOutOfRange,

    /// <summary>The geometry has more vertices than allowed.</summary>
    TooManyVertices,
}
