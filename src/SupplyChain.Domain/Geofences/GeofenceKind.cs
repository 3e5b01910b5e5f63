namespace SupplyChain.Domain.Geofences;

/// <summary>What a geofence means to the tracking rules (GeoJSON <c>properties.kind</c>).</summary>
public enum GeofenceKind
{
    /// <summary>A depot or yard: stops inside are expected, so no NoMovementDetected.</summary>
    Depot,

    /// <summary>A place vehicles must not enter: entering is a breach (<c>EnteredRestricted</c>).</summary>
    Restricted,

    /// <summary>An area of interest: entering and leaving are reported, nothing more.</summary>
    Zone,
}
