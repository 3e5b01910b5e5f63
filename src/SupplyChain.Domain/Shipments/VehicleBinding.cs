namespace SupplyChain.Domain.Shipments;

/// <summary>
/// Which vehicle carries a parcel: the one named by the latest (in event time) load scan, unless
/// a later unload, delivery or return ended it. Derived from the scans rather than kept as a
/// flag, so scans arriving out of order still give the right vehicle. Thread safe: stateless.
/// </summary>
public static class VehicleBinding
{
    /// <summary>The vehicle carrying the parcel after <paramref name="scans"/>, or null.</summary>
    public static string? CarrierVehicle(IEnumerable<(ScanType ScanType, DateTimeOffset At, string? VehicleId)> scans)
    {
        ArgumentNullException.ThrowIfNull(scans);
        (ScanType ScanType, DateTimeOffset At, string? VehicleId)? latest = null;
        foreach (var scan in scans)
        {
            if (EndsOrStarts(scan.ScanType) && (latest is null || scan.At >= latest.Value.At))
            {
                latest = scan;
            }
        }

        return latest is { ScanType: ScanType.LoadedOnVehicle } load ? load.VehicleId : null;
    }

    private static bool EndsOrStarts(ScanType type) => type is ScanType.LoadedOnVehicle
        or ScanType.UnloadedFromVehicle or ScanType.Delivered or ScanType.ReturnedToSender;
}
