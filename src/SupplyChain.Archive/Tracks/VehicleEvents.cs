using SupplyChain.Archive.Records;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// A vehicle's own outbound events (its stops, fence crossings and breaches: what a playback marks on
/// its timeline), as the track index keeps them beside the positions: a few per vehicle an hour among
/// the fleet's pings and every shipment's events. Pure.
/// </summary>
internal static class VehicleEvents
{
    private static readonly string VehicleSourcePrefix = EventTypes.VehicleSource("");

    /// <summary>Whether the row of <paramref name="direction"/>, <paramref name="source"/> and <paramref name="vehicleId"/> is an event a vehicle raised about itself.</summary>
    public static bool Is(string direction, string source, string? vehicleId) =>
        direction == ArchiveDirection.Outbound && vehicleId is { } vehicle
        && source.Length == VehicleSourcePrefix.Length + vehicle.Length
        && source.StartsWith(VehicleSourcePrefix, StringComparison.Ordinal) && source.EndsWith(vehicle, StringComparison.Ordinal);


    /// <summary><paramref name="records"/> by vehicle and time, each event once (the first copy kept).</summary>
    public static List<ArchiveRecord> SortedDistinct(IEnumerable<ArchiveRecord> records)
    {
        var seen = new HashSet<(string, string)>();
        return [.. records.Where(r => seen.Add(r.IdentityKey)).OrderBy(r => r.VehicleId, StringComparer.Ordinal).ThenBy(r => r.Time)];
    }
}
