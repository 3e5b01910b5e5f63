namespace SupplyChain.Ingestion;

/// <summary>Limits of <c>POST /api/events</c>, bound from <c>SupplyChain:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    /// <summary>Default of <see cref="MaxBodyBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Default of <see cref="MaxEvents"/>.</summary>
    public const int DefaultMaxEvents = 1000;

    /// <summary>Default of <see cref="MaxFutureSkew"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Largest request body in bytes; larger requests get 413.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Most events in one batched request; more get 413.</summary>
    public int MaxEvents { get; set; } = DefaultMaxEvents;

    /// <summary>How far an event's <c>time</c> may lie ahead of the silo's clock (device clock drift).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = DefaultMaxFutureSkew;
}
