namespace SupplyChain.Replay.Replaying;

/// <summary>
/// What to replay and how fast. The range is of event time, both ends included, as the archive is
/// partitioned; only inbound records are replayed (the target raises its own outbound events).
/// </summary>
/// <param name="From">The first event time replayed.</param>
/// <param name="To">The last event time replayed; not before <paramref name="From"/>.</param>
/// <param name="EventsPerSecond">The most events posted per second, averaged from the start of the run (1 to 1,000,000).</param>
/// <param name="BatchSize">Events per request (1 to 1,000, the ingestion limit); a batch also closes at <see cref="MaxBatchBytes"/>.</param>
/// <param name="ProgressFile">Where the position is kept after each batch, so a second run continues where the first stopped.</param>
/// <param name="MaxAttempts">How often one batch is tried before the run gives up (1 to 1,000): 429, 503, other 5xx and lost connections are tried again.</param>
internal sealed record ReplaySettings(
    DateTimeOffset From,
    DateTimeOffset To,
    double EventsPerSecond,
    int BatchSize,
    string ProgressFile,
    int MaxAttempts)
{
    /// <summary>Default of <see cref="EventsPerSecond"/>.</summary>
    public const double DefaultEventsPerSecond = 2_000;

    /// <summary>Default of <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Default of <see cref="MaxAttempts"/>.</summary>
    public const int DefaultMaxAttempts = 20;

    /// <summary>A request's body stays under this, well inside the ingestion default of 1 MiB.</summary>
    public const int MaxBatchBytes = 512 * 1024;

    /// <summary>The longest range one run takes: a year of hours, each listed and read.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>What is wrong with the settings, one sentence each naming the option; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (To < From)
        {
            problems.Add($"--to ({To:O}) is before --from ({From:O}): the range would be empty.");
        }
        else if (To - From > MaxRange)
        {
            problems.Add($"--from to --to spans {(To - From).TotalDays:F0} days; one run replays at most {MaxRange.TotalDays:F0}.");
        }

        if (!(EventsPerSecond is >= 1 and <= 1_000_000))
        {
            problems.Add($"--events-per-second must be from 1 to 1000000 (was {EventsPerSecond}).");
        }

        if (BatchSize is < 1 or > 1_000)
        {
            problems.Add($"--batch-size must be from 1 to 1000, the ingestion limit (was {BatchSize}).");
        }

        if (MaxAttempts is < 1 or > 1_000)
        {
            problems.Add($"--max-attempts must be from 1 to 1000 (was {MaxAttempts}).");
        }

        if (string.IsNullOrWhiteSpace(ProgressFile))
        {
            problems.Add("--progress-file must name a file.");
        }

        return problems;
    }
}
