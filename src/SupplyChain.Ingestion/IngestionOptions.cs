namespace SupplyChain.Ingestion;

/// <summary>Limits of <c>POST /api/events</c>, bound from <c>SupplyChain:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Ingestion";

    /// <summary>Default of <see cref="MaxBodyBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Default of <see cref="MaxEvents"/>.</summary>
    public const int DefaultMaxEvents = 1000;

    /// <summary>Default of <see cref="MaxFutureSkew"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="MaxEventBytes"/>: 16 KiB.</summary>
    public const int DefaultMaxEventBytes = 16 * 1024;

    /// <summary>Default of <see cref="MaxPastAge"/>: 30 days.</summary>
    public static readonly TimeSpan DefaultMaxPastAge = TimeSpan.FromDays(30);

    /// <summary>Largest request body in bytes; larger requests get 413.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Most events in one batched request; more get 413.</summary>
    public int MaxEvents { get; set; } = DefaultMaxEvents;

    /// <summary>How far an event's <c>time</c> may lie ahead of the silo's clock (device clock drift).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = DefaultMaxFutureSkew;

    /// <summary>
    /// How far an event's <c>time</c> may lie behind the silo's clock: a scanner that was offline for
    /// days still delivers, a clock at 0001-01-01 does not. Replays of older history raise it for their run.
    /// </summary>
    public TimeSpan MaxPastAge { get; set; } = DefaultMaxPastAge;

    /// <summary>
    /// Largest event in bytes, as its JSON in the request and as it travels in a stream message: every
    /// event fits one message of every stream provider, so a valid event can never be refused there.
    /// Must not exceed <c>SupplyChain:Streams:MaxMessageBytes</c>.
    /// </summary>
    public int MaxEventBytes { get; set; } = DefaultMaxEventBytes;
}
