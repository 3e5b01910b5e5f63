namespace SupplyChain.Domain.Shipments;

/// <summary>
/// A spell of a parcel on one vehicle, in event time: from the load scan's time <see cref="Since"/> up to,
/// not including, <see cref="Until"/>, the time of the scan that ended it (an unload, a delivery, a return,
/// or a load onto another vehicle); open while <see cref="Until"/> is null. The vehicle's fixes in the
/// spell are the parcel's. Immutable.
/// </summary>
public sealed record CarriedSpell(string VehicleId, DateTimeOffset Since, DateTimeOffset? Until)
{
    /// <summary>Whether a fix of event time <paramref name="at"/> falls in the spell.</summary>
    public bool Covers(DateTimeOffset at) => Since <= at && (Until is not { } until || at < until);
}
