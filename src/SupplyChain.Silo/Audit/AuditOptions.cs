namespace SupplyChain.Silo.Audit;

/// <summary>
/// The audit log, bound from <c>SupplyChain:Audit</c>. Every write and admin action under <c>/api</c>
/// becomes a record that is logged at once and buffered; the buffer is written to the store (Azure
/// Table in Durable mode, memory in Embedded mode) every <see cref="FlushInterval"/> or as soon as a
/// batch of 100 is waiting. A crash loses at most what was buffered since the last flush.
/// </summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Audit";

    /// <summary>Default of <see cref="FlushInterval"/>.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="BufferCapacity"/>: ten seconds of a busy silo's writes.</summary>
    public const int DefaultBufferCapacity = 10_000;

    /// <summary>Default of <see cref="MemoryCapacity"/>: about 40 MB.</summary>
    public const int DefaultMemoryCapacity = 100_000;

    /// <summary>
    /// The longest a record waits in the buffer before it is written (default 1 s), and the window over
    /// which accepted event posts of one caller are counted into one record. Also what a crash can lose.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = DefaultFlushInterval;

    /// <summary>
    /// Records the buffer holds while the store is slow or unreachable (default 10,000); beyond it new
    /// records are dropped from the store (they are still logged), counted and reported.
    /// </summary>
    public int BufferCapacity { get; set; } = DefaultBufferCapacity;

    /// <summary>Records the Embedded mode's in-memory store keeps, newest first (default 100,000); the oldest go first.</summary>
    public int MemoryCapacity { get; set; } = DefaultMemoryCapacity;
}
