using SupplyChain.Grains.Streams;

namespace SupplyChain.Silo.Hosting;

/// <summary>Which stream provider carries events, bound from <c>SupplyChain:Streams</c>.</summary>
public sealed class StreamProviderOptions
{
    /// <summary>The configuration section, shared with the ingestion's batching options.</summary>
    public const string SectionName = "SupplyChain:Streams";

    /// <summary>Default of <see cref="Queues"/>.</summary>
    public const int DefaultQueues = 8;

    /// <summary>
    /// Default of <see cref="PollPeriod"/> for the durable providers: 100 ms, Orleans' own; faster
    /// polling only loads the storage account.
    /// </summary>
    public static readonly TimeSpan DefaultPollPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Shortest allowed <see cref="PollPeriod"/> for the durable providers: polling faster made Azurite
    /// slower for every reader (docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan MinimumPollPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Default of <see cref="PollPeriod"/> for the Memory provider: 10 ms. A read of an empty memory
    /// queue is one local grain call, and an agent that finds messages reads on until its queue is
    /// empty, so the period is how long a message can wait between being accepted and being read.
    /// </summary>
    public static readonly TimeSpan DefaultMemoryPollPeriod = StreamsSiloBuilderExtensions.DefaultMemoryPollPeriod;

    /// <summary>Shortest allowed <see cref="PollPeriod"/> for the Memory provider: 1 ms.</summary>
    public static readonly TimeSpan MinimumMemoryPollPeriod = TimeSpan.FromMilliseconds(1);

    /// <summary>Longest allowed <see cref="PollPeriod"/>, for every provider: 10 s.</summary>
    public static readonly TimeSpan MaximumPollPeriod = TimeSpan.FromSeconds(10);

    /// <summary>Default of <see cref="VisibilityTimeout"/>: 30 s, Azure Queue's own.</summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="DeliveryRetryDelay"/>: 1 s.</summary>
    public static readonly TimeSpan DefaultDeliveryRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Default of <see cref="MaxDeliveryRetryDelay"/>: 4 s. With the default first delay and
    /// <c>SupplyChain:DeadLetters:MaxAttempts</c> the waits are 1, 2, 4, 4 and 4 s, so a poison event is
    /// dead-lettered about 15 s after its first failure: twice the 2-7 s a crashed silo takes to be
    /// declared dead and replaced (a crash never dead-letters good events), and well within the 30 s
    /// an event behind it in its partition may wait.
    /// </summary>
    public static readonly TimeSpan DefaultMaxDeliveryRetryDelay = TimeSpan.FromSeconds(4);

    /// <summary>Longest allowed <see cref="MaxDeliveryRetryDelay"/>: 30 s.</summary>
    public static readonly TimeSpan LongestDeliveryRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The provider: <c>Memory</c>, <c>AzureQueue</c> or <c>EventHubs</c>. When unset, <c>Memory</c>
    /// in Embedded mode and <c>AzureQueue</c> in Durable mode.
    /// </summary>
    public StreamProviderKind? Provider { get; set; }

    /// <summary>Queues the provider spreads stream messages over, each pulled by one agent (default 8; Memory and AzureQueue).</summary>
    public int Queues { get; set; } = DefaultQueues;

    /// <summary>
    /// How often a pulling agent reads its queue. When unset, 10 ms for Memory (at least 1 ms) and
    /// 100 ms for AzureQueue and EventHubs (at least 100 ms); at most 10 s for all.
    /// </summary>
    public TimeSpan? PollPeriod { get; set; }

    /// <summary>
    /// AzureQueue: how long a read message stays invisible to other silos (default 30 s). A silo
    /// that dies with messages in hand gives them up after this long; a shorter timeout means a
    /// faster takeover and more redelivered copies of messages still being processed.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = DefaultVisibilityTimeout;

    /// <summary>
    /// The first wait before a failed delivery is tried again (default 1 s); each next wait
    /// doubles, up to <see cref="MaxDeliveryRetryDelay"/>.
    /// </summary>
    public TimeSpan DeliveryRetryDelay { get; set; } = DefaultDeliveryRetryDelay;

    /// <summary>
    /// The longest wait between two deliveries of a failing stream message (default 4 s, at most
    /// 30 s, not less than <see cref="DeliveryRetryDelay"/>). While a message fails, every later message
    /// of its partition waits behind it, so these waits and <c>SupplyChain:DeadLetters:MaxAttempts</c>
    /// bound how long a poison event can hold its partition up.
    /// </summary>
    public TimeSpan MaxDeliveryRetryDelay { get; set; } = DefaultMaxDeliveryRetryDelay;

    /// <summary>The waits before the second, third, ... delivery of a failing message: doubling from the first, capped.</summary>
    public TimeSpan DeliveryRetryDelayAfter(int failedDeliveries)
    {
        var factor = Math.Pow(2, Math.Clamp(failedDeliveries - 1, 0, 16));
        return TimeSpan.FromTicks((long)Math.Min(DeliveryRetryDelay.Ticks * factor, MaxDeliveryRetryDelay.Ticks));
    }

    /// <summary>Event Hubs settings (with <see cref="StreamProviderKind.EventHubs"/>).</summary>
    public EventHubsSettings EventHubs { get; set; } = new();

    /// <summary>The provider in effect for <paramref name="mode"/>.</summary>
    public StreamProviderKind ProviderFor(ClusterMode mode) =>
        Provider ?? (mode == ClusterMode.Durable ? StreamProviderKind.AzureQueue : StreamProviderKind.Memory);

    /// <summary>The poll period in effect for <paramref name="provider"/>.</summary>
    public TimeSpan PollPeriodFor(StreamProviderKind provider) =>
        PollPeriod ?? (provider == StreamProviderKind.Memory ? DefaultMemoryPollPeriod : DefaultPollPeriod);

    /// <summary>The shortest poll period <paramref name="provider"/> allows.</summary>
    public static TimeSpan MinimumPollPeriodFor(StreamProviderKind provider) =>
        provider == StreamProviderKind.Memory ? MinimumMemoryPollPeriod : MinimumPollPeriod;
}

/// <summary>The stream providers the silo can run on.</summary>
public enum StreamProviderKind
{
    /// <summary>Orleans' in-memory streams: nothing survives the silo.</summary>
    Memory,

    /// <summary>Orleans' Azure Queue streams (Azure Storage queues).</summary>
    AzureQueue,

    /// <summary>Orleans' Event Hubs streams, checkpoints in Azure Table.</summary>
    EventHubs,
}
