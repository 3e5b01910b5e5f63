namespace SupplyChain.Archive.Hosting;

/// <summary>The archive's settings, bound from <c>SupplyChain:Archive</c>.</summary>
public sealed class ArchiveOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Archive";

    /// <summary>Default of <see cref="RecordsPerFile"/>.</summary>
    public const int DefaultRecordsPerFile = 10_000;

    /// <summary>Default of <see cref="MaxDelay"/>: 5 s.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>Default of <see cref="Container"/>.</summary>
    public const string DefaultContainer = "archive";

    /// <summary>Default of <see cref="MaxPendingOutbound"/>.</summary>
    public const int DefaultMaxPendingOutbound = 100_000;

    /// <summary>Default of <see cref="IndexPeriod"/>: 1 minute.</summary>
    public static readonly TimeSpan DefaultIndexPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Default of <see cref="IndexAfter"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultIndexAfter = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="IndexLookback"/>: 48 hours.</summary>
    public static readonly TimeSpan DefaultIndexLookback = TimeSpan.FromHours(48);

    /// <summary>The folder under the temp directory that <see cref="Directory"/> defaults to.</summary>
    public const string DefaultDirectoryName = "supplychain-archive";

    /// <summary>Whether events are archived at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Embedded mode: the directory the files go to. Default <c>supplychain-archive</c> under the
    /// machine's temp directory, so that a plain <c>dotnet run</c> archives without setup.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Durable mode: the Azure Blob container the files go to, in the <c>AzureStorage</c> account. Default <c>archive</c>.</summary>
    public string Container { get; set; } = DefaultContainer;

    /// <summary>
    /// A file is written as soon as this many records wait (default 10,000; from 1,000 to 1,000,000).
    /// At full speed this is what starts a write, so it bounds writes to one per this many events.
    /// </summary>
    public int RecordsPerFile { get; set; } = DefaultRecordsPerFile;

    /// <summary>
    /// The longest a record waits in memory for company before its file is written (default 5 s; from
    /// 100 ms to 60 s). While it waits, the stream message it came in stays unacknowledged, so keep it
    /// well under the queue's visibility timeout (<c>SupplyChain:Streams:VisibilityTimeout</c>, 30 s).
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = DefaultMaxDelay;

    /// <summary>
    /// Most outbound records kept while files cannot be written (default 100,000); beyond it the oldest
    /// are dropped and counted. Inbound records are never dropped: their stream messages are delivered again.
    /// </summary>
    public int MaxPendingOutbound { get; set; } = DefaultMaxPendingOutbound;

    /// <summary>
    /// How often the cluster adds newly archived event files to the track index, the current hour's
    /// included (default 1 minute; 1 s to 1 hour): at most this much of a track is read from event files.
    /// </summary>
    public TimeSpan IndexPeriod { get; set; } = DefaultIndexPeriod;

    /// <summary>
    /// How long after an hour ends its track files are merged into one (default 5 minutes; 0 to 1 day):
    /// the time its last events take to reach the archive. Events archived later are merged in again.
    /// </summary>
    public TimeSpan IndexAfter { get; set; } = DefaultIndexAfter;

    /// <summary>How far back hours are indexed, and indexed again when late events arrive (default 48 hours; 1 hour to 31 days).</summary>
    public TimeSpan IndexLookback { get; set; } = DefaultIndexLookback;

    /// <summary>
    /// Days of event time the archive keeps (default 0: forever; up to 36,500). Whole days older than
    /// this are deleted, event files and track indexes alike. On Azure a lifecycle management rule on
    /// the container does the same without the listing and per-file deletes (operations.md).
    /// </summary>
    public int RetentionDays { get; set; }

    /// <summary>The directory in effect in Embedded mode.</summary>
    public string DirectoryOrDefault => string.IsNullOrWhiteSpace(Directory)
        ? Path.Combine(Path.GetTempPath(), DefaultDirectoryName)
        : Directory;
}
