namespace SupplyChain.Archive.Tracks;

/// <summary>
/// What an hour's track file was built from: the event files it covers. Written after the track file,
/// so a manifest always describes a whole track file; event files of the hour that it does not list
/// (late events archived after the index was built) are read directly.
/// </summary>
/// <param name="Covers">Paths of the hour's event files the track file holds the pings of.</param>
/// <param name="Points">Pings in the track file, copies dropped.</param>
internal sealed record TrackIndexManifest(IReadOnlyList<string> Covers, int Points);
