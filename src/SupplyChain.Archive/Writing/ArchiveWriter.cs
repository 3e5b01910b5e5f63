using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Archive.Writing;

/// <summary>
/// The silo's one archive writer. The archive's stream consumers (one per partition on this silo) and
/// the outbound recorder add records to one buffer; a loop writes the buffer as one file per event hour
/// when <see cref="FlushPolicy"/> says so. An inbound append completes only when its records are in a
/// written file, and fails when the write failed, so the stream holds the message until then and
/// delivers it again after a failure; outbound records go back into the buffer after a failure (up to
/// <see cref="ArchiveOptions.MaxPendingOutbound"/>). Writes are one at a time; records added meanwhile
/// wait for the next. Thread safe.
/// </summary>
internal sealed partial class ArchiveWriter : IOutboundEventRecorder, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly ArchiveOptions _options;
    private readonly IArchiveStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ArchiveWriter> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private PendingBatch _pending = new();
    private TaskCompletionSource _wake = NewSignal();
    private Task _loop = Task.CompletedTask;
    private bool _prepared;
    private bool _stopped;
    private long _sequence;

    /// <summary>How long the last successful write took: what a consumer that is behind gives the others (<see cref="FlushPolicy.WaitBeforeWrite"/>).</summary>
    private TimeSpan _lastWrite;

    public ArchiveWriter(IArchiveStore store, IOptions<ArchiveOptions> options, TimeProvider time, ILogger<ArchiveWriter> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Id = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMddTHHmmss}-{Random.Shared.Next(0x1000000):x6}");
    }

    /// <summary>This writer's part of its file names: its start time and a random suffix, unique per silo run.</summary>
    public string Id { get; }

    /// <summary>Adds a stream delivery's events; completes once they are in a written file.</summary>
    /// <param name="events">The events.</param>
    /// <param name="behind">Whether the delivery came full (the consumer has a backlog): write soon, not after the full delay.</param>
    public Task AppendInbound(IReadOnlyList<InboundEvent> events, bool behind)
    {
        if (!_options.Enabled || events.Count == 0)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_stopped)
            {
                throw new InvalidOperationException("The archive writer of this silo has stopped; the stream delivers these events again.");
            }

            var news = Changes(events.Count, behind);
            _pending.Add(events, behind, _time.GetTimestamp());
            if (news)
            {
                _wake.TrySetResult();
            }

            return _pending.Written.Task;
        }
    }

    public void Record(IReadOnlyList<OutboundEvent> events)
    {
        if (!_options.Enabled || events.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_stopped)
            {
                LogRecordedAfterStop(_logger, events.Count);
                return;
            }

            var news = Changes(events.Count, behind: false);
            _pending.Add(events, _time.GetTimestamp());
            if (news)
            {
                _wake.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Whether adding <paramref name="count"/> records can bring the next write forward, so the loop
    /// must look again: the first record (the loop waits without a deadline), a consumer now behind, or
    /// a file's worth. Otherwise the loop's deadline stands, and waking it for each of a busy silo's
    /// appends cost a timer and a wait each (docs/benchmarks.md). Called under the lock.
    /// </summary>
    private bool Changes(int count, bool behind) =>
        _pending.Count == 0 || (behind && !_pending.Behind) || _pending.Count + count >= _options.RecordsPerFile;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ArchiveWriter), ServiceLifecycleStage.ApplicationServices, Start, Stop);

    public void Dispose()
    {
        // A host disposed without a graceful stop runs the silo's stop after this: Stop must find the token cancelled, not disposed.
        _stopping.Cancel();
        lock (_gate)
        {
            _stopped = true;
        }
    }

    /// <summary>Creates the directory or container (or leaves that to the first write, when storage is away) and starts the loop that writes files.</summary>
    internal async Task Start(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            await _store.PrepareAsync(cancellationToken);
            _prepared = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPrepareFailed(_logger, ex, _store.Location);
        }

        LogStarted(_logger, _store.Location, Id);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Stops the loop and writes what still waits.</summary>
    internal async Task Stop(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await _loop;
        PendingBatch last;
        lock (_gate)
        {
            _stopped = true;
            last = _pending;
            _pending = new PendingBatch();
        }

        if (last.Count > 0 && !await TryWriteAsync(last, CancellationToken.None))
        {
            LogLostAtStop(_logger, last.Outbound.Count);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var retryDelay = FirstRetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            PendingBatch? due = null;
            TimeSpan? wait;
            Task wake;
            lock (_gate)
            {
                var oldestWaited = _pending.Count == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_pending.OldestAt);
                wait = FlushPolicy.WaitBeforeWrite(_pending.Count, oldestWaited, _pending.Behind, _options.RecordsPerFile, _options.MaxDelay, _lastWrite);
                if (wait == TimeSpan.Zero)
                {
                    due = _pending;
                    _pending = new PendingBatch();
                }

                _wake = NewSignal();
                wake = _wake.Task;
            }

            if (due is null)
            {
                await WaitAsync(wake, wait, stopping);
                continue;
            }

            if (await TryWriteAsync(due, stopping))
            {
                retryDelay = FirstRetryDelay;
                continue;
            }

            // Storage refused: the inbound appends failed (their messages come again); pause before the next try.
            await WaitAsync(Task.Delay(Timeout.Infinite, stopping), retryDelay, stopping);
            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LongestRetryDelay.Ticks));
        }
    }

    /// <summary>Writes the batch's files; false (inbound appends failed, outbound requeued) when a write failed.</summary>
    private async Task<bool> TryWriteAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            if (!_prepared)
            {
                await _store.PrepareAsync(cancellationToken);
                _prepared = true;
            }

            var started = _time.GetTimestamp();
            foreach (var (hour, inbound, outbound) in batch.ByHour())
            {
                var content = await ArchiveFileWriter.EncodeAsync(inbound, outbound, cancellationToken);
                var path = ArchiveLayout.FileOf(hour, Id, Interlocked.Increment(ref _sequence));
                await _store.WriteAsync(path, content, cancellationToken);
                ArchiveTelemetry.Written(inbound.Count + outbound.Count, content.Length);
            }

            _lastWrite = _time.GetElapsedTime(started);
            batch.Written.TrySetResult();
            return true;
        }
        catch (Exception ex)
        {
            ArchiveTelemetry.WriteFailed();
            LogWriteFailed(_logger, ex, _store.Location, batch.Inbound.Count, batch.Outbound.Count);
            batch.Written.TrySetException(ex);
            // The appenders see the failure; when none waits (outbound only), nothing else should.
            _ = batch.Written.Task.Exception;
            int dropped;
            lock (_gate)
            {
                dropped = _pending.Requeue(batch.Outbound, _time.GetTimestamp(), _options.MaxPendingOutbound);
            }

            if (dropped > 0)
            {
                ArchiveTelemetry.OutboundDropped(dropped);
                LogOutboundDropped(_logger, dropped);
            }

            return false;
        }
    }

    /// <summary>Waits for <paramref name="signal"/>, <paramref name="timeout"/> (none: no limit) or the stop, whichever comes first.</summary>
    private async Task WaitAsync(Task signal, TimeSpan? timeout, CancellationToken stopping)
    {
        using var delayEnds = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // Timers count whole milliseconds: a wait of less than one ends at once, and the loop would spin
        // (a timer, a wait and a task each time round) until the deadline came.
        var delay = Task.Delay(timeout is { } t ? TimeSpan.FromMilliseconds(Math.Ceiling(t.TotalMilliseconds)) : Timeout.InfiniteTimeSpan, _time, delayEnds.Token);
        await Task.WhenAny(signal, delay);
        await delayEnds.CancelAsync();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive: writing to {Location} as writer {Writer}")]
    private static partial void LogStarted(ILogger logger, string location, string writer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive: {Location} could not be prepared at start; the first write tries again")]
    private static partial void LogPrepareFailed(ILogger logger, Exception exception, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive: writing {Inbound} inbound and {Outbound} outbound records to {Location} failed; the inbound ones come again with their stream messages, the outbound ones wait for the next write")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string location, int inbound, int outbound);

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive: {Count} outbound records dropped: writes have failed for longer than SupplyChain:Archive:MaxPendingOutbound allows")]
    private static partial void LogOutboundDropped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive: the last write at stop failed; {Outbound} outbound records are lost (a replay of the inbound records raises them again)")]
    private static partial void LogLostAtStop(ILogger logger, int outbound);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Archive: {Count} outbound records raised after the writer stopped are not archived")]
    private static partial void LogRecordedAfterStop(ILogger logger, int count);
}
