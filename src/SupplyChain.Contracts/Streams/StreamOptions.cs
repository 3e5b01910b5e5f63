namespace SupplyChain.Contracts.Streams;

/// <summary>How inbound events are gathered into stream messages, bound from <c>SupplyChain:Streams</c>.</summary>
public sealed class StreamOptions
{
    /// <summary>The configuration section (shared with the host's stream provider settings).</summary>
    public const string SectionName = "SupplyChain:Streams";

    /// <summary>Default of <see cref="Partitions"/>.</summary>
    public const int DefaultPartitions = 8;

    /// <summary>Default of <see cref="BatchWindow"/>: 5 ms.</summary>
    public static readonly TimeSpan DefaultBatchWindow = TimeSpan.FromMilliseconds(5);

    /// <summary>Default of <see cref="MaxEventsPerMessage"/>.</summary>
    public const int DefaultMaxEventsPerMessage = 1000;

    /// <summary>Default of <see cref="MaxMessageBytes"/>: leaves room for an Azure queue message's 64 KB after base64.</summary>
    public const int DefaultMaxMessageBytes = 46_000;

    /// <summary>Partition streams inbound events are spread over by a stable hash of their key.</summary>
    public int Partitions { get; set; } = DefaultPartitions;

    /// <summary>The longest an accepted event waits to be gathered into its partition's next message.</summary>
    public TimeSpan BatchWindow { get; set; } = DefaultBatchWindow;

    /// <summary>Most events in one stream message.</summary>
    public int MaxEventsPerMessage { get; set; } = DefaultMaxEventsPerMessage;

    /// <summary>Serialized size one stream message may reach, in bytes (compressed, when messages are).</summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>
    /// Whether stream messages are compressed (Brotli), so each holds several times the events
    /// under <see cref="MaxMessageBytes"/> (docs/benchmarks.md, "Stream messages"). Unset: compressed with the durable providers (AzureQueue,
    /// EventHubs), where a message is a billed operation, and not with Memory, where the CPU would
    /// buy nothing. A silo of a release that reads only uncompressed messages cannot read these: turn
    /// it off while upgrading from one.
    /// </summary>
    public bool? CompressMessages { get; set; }
}
