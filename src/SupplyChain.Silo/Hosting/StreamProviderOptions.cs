namespace SupplyChain.Silo.Hosting;

/// <summary>Which stream provider carries events, bound from <c>SupplyChain:Streams</c>.</summary>
public sealed class StreamProviderOptions
{
    /// <summary>The configuration section, shared with the ingestion's batching options.</summary>
    public const string Section = "SupplyChain:Streams";

    /// <summary>Default of <see cref="Queues"/>.</summary>
    public const int DefaultQueues = 8;

    /// <summary>The provider: <c>Memory</c> (embedded).</summary>
    public StreamProviderKind Provider { get; set; } = StreamProviderKind.Memory;

    /// <summary>Queues the provider spreads stream messages over (each pulled by one agent).</summary>
    public int Queues { get; set; } = DefaultQueues;
}

/// <summary>The stream providers the silo can run on.</summary>
public enum StreamProviderKind
{
    /// <summary>Orleans' in-memory streams: nothing survives the silo.</summary>
    Memory,
}
