namespace SupplyChain.Silo.Shipments;

/// <summary>How precisely a reader without a key sees where a parcel is.</summary>
public enum PositionPrecision
{
    /// <summary>As reported.</summary>
    Exact,

    /// <summary>Rounded to 0.01° (about 1 km): enough to watch the parcel come closer, not to find the van or the doorstep.</summary>
    Coarse,

    /// <summary>No position, route, origin or destination at all.</summary>
    Hidden,
}
