using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Records between the request that made them and <see cref="AuditWriter"/>, which stores them in
/// batches. Each record is logged as it comes in, so a record the store never gets is still in the log.
/// Accepted event posts, thousands a second, are counted into one record per caller, result, client
/// address and source set per flush interval (<see cref="TakeTallies"/>); everything else is one
/// record per request. Both are bounded by <see cref="AuditOptions.BufferCapacity"/>: beyond it records
/// are dropped and counted. Thread safe.
/// </summary>
internal sealed class AuditBuffer : IDisposable
{
    /// <summary>Records per store write: an Azure Table transaction holds at most 100 entities.</summary>
    public const int BatchSize = 100;

    private readonly Channel<AuditRecord> _records;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _batchReady = new(0, 1);
    private readonly Lock _tallyLock = new();
    private Dictionary<EventPostTally, Tally> _tallies = [];
    private long _dropped;

    public AuditBuffer(IOptions<AuditOptions> options, ILoggerFactory loggers)
    {
        _capacity = options.Value.BufferCapacity;
        _records = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(_capacity) { SingleReader = true });
        _logger = loggers.CreateLogger(AuditLog.Category);
    }

    public ChannelReader<AuditRecord> Reader => _records.Reader;

    public int Capacity => _capacity;

    /// <summary>Logs and buffers a record of one request.</summary>
    public void Add(AuditRecord record)
    {
        _logger.Record(record);
        Enqueue(record);
    }

    /// <summary>
    /// Counts an accepted event post into the record of this flush interval that <paramref name="tally"/>
    /// names; false when there is none yet (then <see cref="AddEventPost"/> starts it). A device's
    /// second and later pings of an interval so cost no record of their own.
    /// </summary>
    public bool TryCount(EventPostTally tally, long events)
    {
        lock (_tallyLock)
        {
            if (!_tallies.TryGetValue(tally, out var counted))
            {
                return false;
            }

            counted.Add(events);
            return true;
        }
    }

    /// <summary>Starts the record of <paramref name="tally"/> for this flush interval with <paramref name="first"/> (or counts it in, if another request just started it).</summary>
    public void AddEventPost(EventPostTally tally, AuditRecord first)
    {
        lock (_tallyLock)
        {
            if (_tallies.TryGetValue(tally, out var counted))
            {
                counted.Add(first.Events ?? 0);
                return;
            }

            if (_tallies.Count < _capacity)
            {
                _tallies[tally] = new Tally(first);
                return;
            }
        }

        _logger.Record(first);
        Drop();
    }

    /// <summary>Turns the counted event posts into records (logged and buffered) and starts a new interval.</summary>
    public void TakeTallies()
    {
        Dictionary<EventPostTally, Tally> taken;
        lock (_tallyLock)
        {
            if (_tallies.Count == 0)
            {
                return;
            }

            taken = _tallies;
            _tallies = [];
        }

        foreach (var tally in taken.Values)
        {
            Add(tally.First with { Requests = tally.Requests, Events = tally.Events });
        }
    }

    /// <summary>Completes when a full batch is waiting (or <paramref name="cancellationToken"/> fires).</summary>
    public Task WaitForBatchAsync(CancellationToken cancellationToken) => _batchReady.WaitAsync(cancellationToken);

    /// <summary>The records dropped since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    public void Dispose() => _batchReady.Dispose();

    private void Enqueue(AuditRecord record)
    {
        if (!_records.Writer.TryWrite(record))
        {
            Drop();
            return;
        }

        if (_records.Reader.Count >= BatchSize && _batchReady.CurrentCount == 0)
        {
            try
            {
                _batchReady.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request signalled first; one signal is enough.
            }
        }
    }

    /// <summary>Counts records given up on after they left the buffer (a batch the store refuses for its content).</summary>
    public void Discard(int count)
    {
        Interlocked.Add(ref _dropped, count);
        AuditTelemetry.RecordDropped(count);
    }

    private void Drop() => Discard(1);

    private sealed class Tally(AuditRecord first)
    {
        public AuditRecord First { get; } = first;

        public int Requests { get; private set; } = first.Requests;

        public long Events { get; private set; } = first.Events ?? 0;

        /// <summary>Counts one more request of <paramref name="events"/> events in.</summary>
        public void Add(long events)
        {
            Requests++;
            Events += events;
        }
    }
}
