namespace SupplyChain.Silo.Hosting;

/// <summary>The hub the Event Hubs stream provider reads, bound from <c>SupplyChain:Streams:EventHubs</c>.</summary>
public sealed class EventHubsSettings
{
    /// <summary>Default of <see cref="ConsumerGroup"/>.</summary>
    public const string DefaultConsumerGroup = "$Default";

    /// <summary>Default of <see cref="CheckpointInterval"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(10);

    /// <summary>The event hub's name (no default; required with the EventHubs provider).</summary>
    public string? Name { get; set; }

    /// <summary>The consumer group the silos read with (default <c>$Default</c>).</summary>
    public string ConsumerGroup { get; set; } = DefaultConsumerGroup;

    /// <summary>
    /// How often each partition's read position is written to the checkpoint table (default 10 s).
    /// After a crash, events since the last checkpoint are delivered again and dropped as copies
    /// by the grains: a shorter interval means fewer copies and more table writes.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = DefaultCheckpointInterval;
}
