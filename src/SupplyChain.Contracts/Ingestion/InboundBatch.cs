namespace SupplyChain.Contracts.Ingestion;

/// <summary>
/// One stream message: the events bound for one partition gathered from concurrent requests.
/// Stream messages are what the platform pays for, so one message carries many events, and it
/// travels in the compact form of <see cref="InboundBatchEncoding"/> (through
/// <see cref="InboundBatchSurrogate"/>) so that many fit under a queue message's size limit.
/// </summary>
/// <param name="Events">The events, in the order they were accepted.</param>
[Immutable, Alias("sc.InboundBatch")]
public sealed record InboundBatch(IReadOnlyList<InboundEvent> Events)
{
    /// <summary>
    /// The events already in <see cref="InboundBatchEncoding"/>, when the producer encoded them to
    /// check the message's size: then the stream provider sends these bytes instead of encoding again.
    /// </summary>
    public byte[]? Encoded { get; init; }

    /// <summary>
    /// When the message was published, by the publishing silo's clock; null in messages published before
    /// the field existed. A consumer that is handed a message that has already waited long knows it is
    /// behind: the archive writes at once rather than add its own delay.
    /// </summary>
    public DateTimeOffset? PublishedAt { get; init; }
}
