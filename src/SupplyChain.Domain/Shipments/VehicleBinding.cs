namespace SupplyChain.Domain.Shipments;

/// <summary>
/// Which vehicle carries a parcel, and when: derived from the load, unload, delivery and return scans
/// in event time rather than kept as a flag, so scans arriving in any order give the same answer.
/// A load scan starts a spell on its vehicle; the next of those scans in event time ends it.
/// Thread safe: stateless.
/// </summary>
public static class VehicleBinding
{
    /// <summary>
    /// The spells on vehicles that <paramref name="scans"/> describe, oldest first; only the last may be open.
    /// Scans of equal time count in the order given.
    /// </summary>
    public static IReadOnlyList<CarriedSpell> Spells(IEnumerable<(ScanType ScanType, DateTimeOffset At, string? VehicleId)> scans)
    {
        ArgumentNullException.ThrowIfNull(scans);
        var spells = new List<CarriedSpell>();
        CarriedSpell? open = null;
        foreach (var scan in scans.Where(s => StartsOrEndsSpell(s.ScanType)).OrderBy(s => s.At))
        {
            if (open is not null)
            {
                spells.Add(open with { Until = scan.At });
                open = null;
            }

            if (scan is { ScanType: ScanType.LoadedOnVehicle, VehicleId: { } vehicle })
            {
                open = new CarriedSpell(vehicle, scan.At, null);
            }
        }

        if (open is not null)
        {
            spells.Add(open);
        }

        return spells;
    }

    /// <summary>
    /// The vehicle carrying the parcel after <paramref name="scans"/> and the event time of the load
    /// scan that bound it (the vehicle's fixes from then on are the parcel's), or null.
    /// </summary>
    public static (string VehicleId, DateTimeOffset Since)? Carrier(IEnumerable<(ScanType ScanType, DateTimeOffset At, string? VehicleId)> scans) =>
        Spells(scans) is [.., { Until: null } open] ? (open.VehicleId, open.Since) : null;

    /// <summary>Whether a scan of <paramref name="type"/> starts or ends a spell on a vehicle.</summary>
    public static bool StartsOrEndsSpell(ScanType type) => type is ScanType.LoadedOnVehicle
        or ScanType.UnloadedFromVehicle or ScanType.Delivered or ScanType.ReturnedToSender;
}
