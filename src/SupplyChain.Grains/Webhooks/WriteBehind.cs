using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// Stores one grain's state for it, sharing writes: <see cref="Save"/> returns once a write that
/// began after the call has ended, so callers arriving while a write runs share the next one;
/// <see cref="SaveSoon"/> leaves a change to a write within <see cref="Delay"/> (or four times the
/// last write, whichever is longer), shared with every change made meanwhile. For changes whose loss
/// in a crash only repeats work (a subscription's attempt outcomes: a delivered event is delivered
/// again, same id; a failed one is retried sooner), so one write covers many of them.
/// Belongs to one grain activation and runs on its scheduler; not thread safe.
/// </summary>
internal sealed partial class WriteBehind(Func<Task> write, ILogger logger, string subscriptionId) : IDisposable
{
    /// <summary>How long a change left to <see cref="SaveSoon"/> may wait at least (real time, not the webhook clock).</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _writing = new(1, 1);
    private long _changes;
    private long _saved;
    private bool _flushPending;
    private bool _closed;
    private TimeSpan _lastWrite;

    /// <summary>Whether changes were made that no write has stored yet.</summary>
    public bool HasUnsaved => _saved < _changes;

    /// <summary>Whether <see cref="Close"/> was called: nothing is written any more.</summary>
    public bool IsClosed => _closed;

    /// <summary>Writes the state once for all changes made before the call; concurrent callers share a write. Throws once closed.</summary>
    public async Task Save()
    {
        var wanted = ++_changes;
        await _writing.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_saved >= wanted)
            {
                return;
            }

            var writing = _changes;
            var started = Stopwatch.GetTimestamp();
            await write();
            _lastWrite = Stopwatch.GetElapsedTime(started);
            _saved = writing;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Counts a change to be stored by a write soon (see the summary); failures are logged and left to the next write.</summary>
    public void SaveSoon()
    {
        _changes++;
        if (_flushPending || _closed)
        {
            return;
        }

        _flushPending = true;
        _ = FlushSoon();
    }

    /// <summary>Runs <paramref name="action"/> while no write runs and none starts (the state is being replaced).</summary>
    public async Task Alone(Func<Task> action)
    {
        await _writing.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Writes nothing from now on: the grain's state in memory may hold a change storage refused, or
    /// the activation is going and a newer one may already own the state.
    /// </summary>
    public void Close() => _closed = true;

    public void Dispose() => _writing.Dispose();

    private async Task FlushSoon()
    {
        try
        {
            // A large state makes each write costly (all of it is written): wait at least four
            // times the last write, so writing never takes more than a fifth of the grain's time.
            await Task.Delay(_lastWrite * 4 > Delay ? _lastWrite * 4 : Delay);
            _flushPending = false;
            if (HasUnsaved && !_closed)
            {
                await Save();
            }
        }
        catch (Exception ex)
        {
            _flushPending = false;
            LogFlushFailed(logger, ex, subscriptionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: recording an attempt failed; the queue keeps the event")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string subscriptionId);
}
