using Microsoft.Extensions.Logging;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// When a subscription grain looks at its queue again. In memory: one wake-up at the earliest time an
/// attempt waits for, on the webhook clock (<see cref="At"/>), which calls <c>wake</c> on the
/// grain's scheduler. Durable: the <see cref="ReminderName"/> reminder, held while the queue is not
/// empty, so a grain whose silo died, moved or was deactivated is woken again from its stored queue.
/// Reminder changes reach the reminder table one after another, in the order they were asked for.
/// Belongs to one grain activation and runs on its scheduler; not thread safe.
/// </summary>
internal sealed partial class WakeUps(IGrainBase grain, TimeProvider time, TimeSpan reminderPeriod, Action wake, ILogger logger, string subscriptionId) : IDisposable
{
    /// <summary>The reminder's name (stored in the reminder table: keep it).</summary>
    public const string ReminderName = "webhook-wake";

    private CancellationTokenSource? _timer;
    private DateTimeOffset _timerAt;
    private Task _reminderWork = Task.CompletedTask;
    private bool _reminderWanted;

    /// <summary>Wakes the grain at <paramref name="due"/>, unless a wake-up at or before it is already set (a later one is replaced).</summary>
    public void At(DateTimeOffset due)
    {
        if (_timer is not null && _timerAt <= due)
        {
            return;
        }

        Cancel();
        _timer = new CancellationTokenSource();
        _timerAt = due;
        _ = WakeAt(due, _timer);
    }

    /// <summary>Drops the in-memory wake-up (the reminder stays as it is).</summary>
    public void Cancel()
    {
        var timer = _timer;
        _timer = null;
        if (timer is not null)
        {
            timer.Cancel();
            timer.Dispose();
        }
    }

    /// <summary>Takes the reminder as registered (on activation with a stored queue: it was registered when the queue filled).</summary>
    public void AssumeReminder() => _reminderWanted = true;

    /// <summary>
    /// Makes sure the reminder is registered. Concurrent callers share one registration; a failed one
    /// is tried again by the next caller (the failure is thrown, so a producer keeps its events and retries).
    /// </summary>
    public Task KeepReminder() =>
        _reminderWanted && !_reminderWork.IsFaulted ? _reminderWork : ChangeReminder(wanted: true);

    /// <summary>Removes the reminder (the queue is empty, or the subscription is gone).</summary>
    public Task DropReminder() => ChangeReminder(wanted: false);

    public void Dispose() => Cancel();

    private async Task WakeAt(DateTimeOffset due, CancellationTokenSource timer)
    {
        try
        {
            var delay = due - time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, timer.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_timer == timer)
        {
            _timer = null;
            timer.Dispose();
        }

        wake();
    }

    /// <summary>
    /// Registers or removes the reminder after the change asked for before: hand-offs interleave
    /// with the reminder's own call, so a removal (queue found empty) may be followed at once by a
    /// registration (new events), and they must reach the reminder table in that order.
    /// </summary>
    private Task ChangeReminder(bool wanted)
    {
        _reminderWanted = wanted;
        var previous = _reminderWork;
        _reminderWork = Change();
        return _reminderWork;

        async Task Change()
        {
            try
            {
                await previous;
            }
            catch (Exception)
            {
                // Reported to whoever asked for that change; this one goes ahead regardless.
            }

            try
            {
                if (wanted)
                {
                    await grain.RegisterOrUpdateReminder(ReminderName, reminderPeriod, reminderPeriod);
                }
                else if (await grain.GetReminder(ReminderName) is { } reminder)
                {
                    await grain.UnregisterReminder(reminder);
                }
            }
            catch (Exception ex)
            {
                LogReminderFailed(logger, ex, subscriptionId);
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: changing the wake-up reminder failed")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string subscriptionId);
}
