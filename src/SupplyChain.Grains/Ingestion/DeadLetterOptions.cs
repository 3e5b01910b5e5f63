namespace SupplyChain.Grains.Ingestion;

/// <summary>When an inbound event counts as poison, bound from <c>SupplyChain:DeadLetters</c>.</summary>
public sealed class DeadLetterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SupplyChain:DeadLetters";

    /// <summary>Default of <see cref="MaxAttempts"/>.</summary>
    public const int DefaultMaxAttempts = 6;

    /// <summary>
    /// Deliveries of a stream message that may fail before its failing events are dead-lettered
    /// and the stream moves on (default 6). With the default retry delay (1 s, doubling) the last
    /// attempt comes about 30 s after the first failure: longer than a dead silo takes to be
    /// replaced, so a crash or a short storage blip never dead-letters good events.
    /// </summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;
}
