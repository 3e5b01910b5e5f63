namespace SupplyChain.Grains.Partitions;

/// <summary>When an inbound event counts as poison, bound from <c>SupplyChain:DeadLetters</c>.</summary>
public sealed class DeadLetterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:DeadLetters";

    /// <summary>Default of <see cref="MaxAttempts"/>.</summary>
    public const int DefaultMaxAttempts = 6;

    /// <summary>
    /// Deliveries of a stream message that may fail before its failing events are dead-lettered
    /// and the stream moves on (default 6, in [1, 100]). With the default retry delays (1 s doubling,
    /// at most 4 s: <c>SupplyChain:Streams:DeliveryRetryDelay</c> and <c>MaxDeliveryRetryDelay</c>)
    /// the last attempt comes about 15 s after the first failure: longer than a dead silo takes to
    /// be replaced (2-7 s), so a crash or a short storage blip never dead-letters good events, and
    /// short enough that the messages waiting behind a poison one are applied within 30 s.
    /// </summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;
}
