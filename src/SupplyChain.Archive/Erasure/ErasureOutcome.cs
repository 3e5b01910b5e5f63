namespace SupplyChain.Archive.Erasure;

/// <summary>What an erasure did to the archive.</summary>
/// <param name="FilesRead">Event files read in the span.</param>
/// <param name="FilesRewritten">Files written again without the shipment.</param>
/// <param name="RecordsRemoved">Records dropped (the shipment's scans and events, copies included).</param>
/// <param name="RecordsRedacted">Vehicle events kept with the number taken out.</param>
public sealed record ErasureOutcome(int FilesRead, int FilesRewritten, int RecordsRemoved, int RecordsRedacted)
{
    /// <summary>What two passes did together.</summary>
    public static ErasureOutcome operator +(ErasureOutcome a, ErasureOutcome b) =>
        new(a.FilesRead + b.FilesRead, a.FilesRewritten + b.FilesRewritten, a.RecordsRemoved + b.RecordsRemoved, a.RecordsRedacted + b.RecordsRedacted);
}
