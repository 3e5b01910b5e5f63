namespace SupplyChain.Contracts.Streams;

/// <summary>
/// The names the grains and the ingestion agree on. Which provider serves
/// <see cref="Provider"/> (memory, Azure queues, Event Hubs) is the host's configuration alone.
/// </summary>
public static class StreamNames
{
    /// <summary>The stream provider that carries inbound and outbound events.</summary>
    public const string Provider = "events";

    /// <summary>Partition streams of inbound events, keyed by partition number.</summary>
    public const string Inbound = "inbound";
}
