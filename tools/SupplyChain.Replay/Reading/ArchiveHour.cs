using SupplyChain.Archive.Records;

namespace SupplyChain.Replay.Reading;

/// <summary>
/// The inbound events of one hour of the archive in the range, each once, in event-time order (ties
/// in file order, files in name order), so two reads of the same files give the same sequence and a
/// position in it means the same event.
/// </summary>
/// <param name="Hour">The start of the UTC hour.</param>
/// <param name="Files">A fingerprint of the files read (their number and names): a position saved for other files is not trusted.</param>
/// <param name="Events">The events, in replay order.</param>
internal sealed record ArchiveHour(DateTimeOffset Hour, string Files, IReadOnlyList<ArchiveRecord> Events);
