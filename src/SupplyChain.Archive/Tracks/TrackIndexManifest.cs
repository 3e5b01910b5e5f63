namespace SupplyChain.Archive.Tracks;

/// <summary>
/// What an hour's track index was built from and where it lies. Written after its track files, so a
/// manifest always describes whole files; event files of the hour that it does not list (events
/// archived since the last pass) are read directly.
/// </summary>
/// <param name="Covers">Paths of the hour's event files whose pings the track files hold.</param>
/// <param name="Points">Pings in the track files (a copy that reached two segments counts twice).</param>
/// <param name="Tracks">
/// The track files: the hour's merged file and the segments added since. Null in manifests written
/// before segments existed, whose one track file is <see cref="TrackLayout.TrackFileOf"/>.
/// </param>
/// <param name="Retired">
/// Index files this manifest's merge replaced. They are deleted on the next pass rather than at once,
/// so a reader that read the previous manifest a moment ago still finds them.
/// </param>
/// <param name="Events">
/// The files of the vehicles' own outbound events of the covered files (<see cref="VehicleEvents"/>), one
/// per track file. Null in manifests written before they were indexed: such an hour is indexed again.
/// </param>
internal sealed record TrackIndexManifest(
    IReadOnlyList<string> Covers, int Points, IReadOnlyList<string>? Tracks = null, IReadOnlyList<string>? Retired = null, IReadOnlyList<string>? Events = null)
{
    /// <summary>The track files of hour <paramref name="hour"/> this manifest describes.</summary>
    public IReadOnlyList<string> TrackFiles(DateTimeOffset hour) => Tracks ?? [TrackLayout.TrackFileOf(hour)];
}
