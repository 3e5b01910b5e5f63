using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Webhooks;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// One subscription (key: its id) and its deliveries. Events handed over are queued and stored
/// before <see cref="Enqueue"/> returns. Delivery runs beside the grain's calls (HTTP requests are
/// awaited off the call path, their results applied on the grain's scheduler): at most
/// <see cref="WebhookOptions.MaxInFlight"/> at once, at most one per subject, and the next event of
/// a subject only after the previous one is delivered or dead-lettered, so a subject's events are
/// first delivered in order. Outcomes are stored write-behind (within 200 ms, many per write): after
/// a crash an event delivered but not yet stored as such is delivered again (same id). A failure waits its turn in the retry schedule (or the
/// receiver's <c>Retry-After</c> on 429/503) on the <see cref="WebhookClock"/>; after the last
/// attempt the event becomes a dead letter. With no success for <see cref="WebhookOptions.DisableAfter"/>
/// the subscription is disabled. A reminder wakes the grain while its queue is not empty, so a
/// deactivated or moved dispatcher resumes from its stored queue.
/// <para>
/// The signing secrets are stored protected (<see cref="WebhookSecretProtector"/>) and held in plain
/// text in memory only. A state written before secrets were encrypted is migrated on activation:
/// its plain-text secret is protected and the state written back. After a rotation deliveries carry
/// two signatures, the new secret's and the previous one's, until the overlap ends (<see cref="StoredSecrets"/>).
/// </para>
/// <para>
/// The queue is a head and a backlog (<see cref="Backlog"/>): the head, the oldest events, lives in
/// this grain's state and memory and is what deliveries start from; events handed over while
/// segments wait go to the newest <see cref="WebhookSegmentGrain"/> (one bounded write, through
/// <see cref="BacklogSegments"/>), and the head takes in the oldest segment when it runs low. So a write costs the same however long the
/// backlog is, and this grain's state does not grow with it.
/// </para>
/// </summary>
internal sealed partial class WebhookDispatcherGrain(
    [PersistentState("webhook", StorageNames.State)] IPersistentState<WebhookDispatcherState> state,
    WebhookSender sender,
    WebhookClock clock,
    WebhookSecretProtector protector,
    IOptions<WebhookOptions> options,
    IOptions<Orleans.Hosting.ReminderOptions> reminders,
    ILogger<WebhookDispatcherGrain> logger) : Grain, IWebhookDispatcherGrain, IRemindable, IDisposable
{
    /// <summary>How many finished event ids a dispatcher remembers to drop copies handed over again.</summary>
    internal const int RecentIdLimit = 2048;

    internal const string WakeReminder = "webhook-wake";

    /// <summary>How long an attempt's outcome may wait to be stored with others (real time, not the webhook clock).</summary>
    private static readonly TimeSpan WriteBehind = TimeSpan.FromMilliseconds(200);

    private readonly WebhookOptions _options = options.Value;
    private readonly RetrySchedule _schedule = RetrySchedule.From(options.Value);
    private readonly DisableRule _disableRule = new(options.Value.DisableAfter);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Hand-offs whose events are being stored (see <see cref="Enqueue"/>).</summary>
    private readonly List<Task> _admissions = [];
    private DeliveryQueue _queue = null!;
    private BacklogSegments _segments = null!;
    private bool _refilling;
    private long _changes;
    private long _saved;
    private Task _reminderWork = Task.CompletedTask;
    private bool _reminderWanted;
    private bool _flushPending;
    private TimeSpan _lastWrite;
    private CancellationTokenSource? _wake;
    private DateTimeOffset _wakeAt;

    /// <summary>The stored secrets decrypted, each on first use; null until then.</summary>
    private byte[]? _current;
    private byte[]? _previous;

    private WebhookDispatcherState State => state.State;

    private string Id => this.GetPrimaryKeyString();

    private DateTimeOffset Now => clock.Time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _queue = new DeliveryQueue(State.Queue, _options.MaxInFlight);
        _segments = NewSegments();
        await _segments.Restore();

        _known.UnionWith(State.RecentIds);
        _known.UnionWith(State.Queue.Select(q => q.Event.Id));
        await ProtectPlaintextSecret();
        _reminderWanted = Pending > 0;
        LogActivated(logger, Id, Pending);
        Pump();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CancelWake();
        if (_saved < _changes && State.Entry is not null)
        {
            try
            {
                await Save();
            }
            catch (Exception ex)
            {
                LogAttemptBookkeepingFailed(logger, ex, Id);
            }
        }
    }

    public void Dispose()
    {
        CancelWake();
        _writing.Dispose();
        _segments?.Dispose();
    }

    public async Task<bool> Create(SubscriptionDefinition definition, byte[] secret)
    {
        if (State.Entry is not null)
        {
            return false;
        }

        State.Entry = new SubscriptionEntry(Id, definition, Enabled: true, Now);
        State.Secrets = new StoredSecrets { Current = protector.Protect(Id, secret) };
        _current = secret;
        await Save();
        await Registry.Put(State.Entry);
        return true;
    }

    public async Task<DateTimeOffset?> RotateSecret(byte[] secret, TimeSpan overlap)
    {
        if (State.Entry is null)
        {
            return null;
        }

        var expires = Now + (overlap > TimeSpan.Zero ? overlap : TimeSpan.Zero);
        var secrets = State.Secrets ??= new StoredSecrets { Current = protector.Protect(Id, State.PlaintextSecret!) };
        State.PlaintextSecret = null;
        secrets.Rotate(protector.Protect(Id, secret), expires);
        _previous = _current;
        _current = secret;
        await Save();
        LogSecretRotated(logger, Id, expires);
        return expires;
    }

    public Task<SubscriptionView?> Get() => Task.FromResult(View());

    public async Task<bool> Delete()
    {
        if (State.Entry is null)
        {
            return false;
        }

        await Registry.Remove(Id);
        CancelWake();
        await _segments.ClearAll();
        await _writing.WaitAsync();
        try
        {
            await state.ClearStateAsync();
            state.State = new WebhookDispatcherState();
            _current = null;
            _previous = null;
            _queue = new DeliveryQueue(State.Queue, _options.MaxInFlight);

            // The old instance is left to the collector, not disposed: a refill may still be waiting on it.
            _segments = NewSegments();
        }
        finally
        {
            _writing.Release();
        }

        _known.Clear();
        await ChangeReminder(wanted: false);
        return true;
    }

    public async Task<SubscriptionView?> Enable()
    {
        if (State.Entry is not { } entry)
        {
            return null;
        }

        if (!entry.Enabled)
        {
            State.Entry = entry with { Enabled = true };
            State.DisabledReason = null;
            State.FailingSince = null;
            _queue.ResumeAll(Now);
            await Save();
            await Registry.Put(State.Entry);
            LogEnabled(logger, Id);
            Pump();
        }

        return View();
    }

    public async Task Enqueue(IReadOnlyList<OutboundEvent> events)
    {
        if (State.Entry is not { Enabled: true })
        {
            // Deleted, or disabled since the producer's routing index was built: not delivered.
            return;
        }

        var fresh = new List<OutboundEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!_known.Contains(e.Id) && !_segments.Holds(e) && seen.Add(e.Id))
            {
                fresh.Add(e);
            }
        }

        // A copy may be of an event whose first hand-off is still being stored (its producer gave up
        // waiting and handed it over again). The copy is acknowledged only once that store is done,
        // and fails with it: acknowledged means stored, whichever hand-off the event came in.
        var earlier = fresh.Count < events.Count && _admissions.Count > 0 ? _admissions.ToArray() : [];
        if (fresh.Count > 0)
        {
            await Admit(fresh);
        }
        else if (Pending > 0)
        {
            // Perhaps copies handed over again after a failed acknowledgement: the producer
            // lets go of them now, so the wake-up reminder must be in place.
            await EnsureReminder();
        }

        await Task.WhenAll(earlier);
    }

    public Task<IReadOnlyList<DeliveryRecord>> GetDeliveries(int limit) => Task.FromResult<IReadOnlyList<DeliveryRecord>>(
        [.. State.History.AsEnumerable().Reverse().Take(Math.Clamp(limit, 1, _options.HistoryLimit))]);

    public Task<IReadOnlyList<DeadLetter>> GetDeadLetters() => Task.FromResult<IReadOnlyList<DeadLetter>>([.. State.DeadLetters]);

    public async Task<int> Redrive(IReadOnlyList<string>? eventIds)
    {
        if (State.Entry is null)
        {
            return 0;
        }

        var wanted = eventIds?.ToHashSet(StringComparer.Ordinal);
        var redriven = State.DeadLetters.Where(d => wanted is null || wanted.Contains(d.Event.Id)).ToList();
        foreach (var letter in redriven)
        {
            State.DeadLetters.Remove(letter);
        }

        if (redriven.Count > 0)
        {
            await Admit([.. redriven.Select(d => d.Event).Where(e => !_queue.Contains(e.Id))]);

            // The dead letters' removal: Admit writes this grain's state only for events it put in the head.
            await Save();
        }

        return redriven.Count;
    }

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName != WakeReminder)
        {
            return;
        }

        if (Pending == 0 || State.Entry is null)
        {
            await ChangeReminder(wanted: false);
            return;
        }

        Pump();
    }

    private IWebhookRegistryGrain Registry => GrainFactory.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key);

    /// <summary>Events still to deliver: the head's and the backlog's.</summary>
    private long Pending => _queue.Count + _segments.Backlog.Count;

    private BacklogSegments NewSegments() =>
        new(GrainFactory, Id, new Backlog(State.Backlog, _options.SegmentSize), Save);

    /// <summary>Queues new events (see <see cref="Store"/>), known as being stored until that ends.</summary>
    private async Task Admit(List<OutboundEvent> fresh)
    {
        var storing = Store(fresh);
        _admissions.Add(storing);
        try
        {
            await storing;
        }
        finally
        {
            _admissions.Remove(storing);
        }
    }

    /// <summary>
    /// Queues new events (no copies among them) at the end and returns once they are stored, with the
    /// wake-up reminder in place: into the head while it has room and no segment waits, the rest into
    /// the backlog. On failure none of them counts as taken, so the producer's retry is not dropped.
    /// </summary>
    private async Task Store(List<OutboundEvent> fresh)
    {
        var now = Now;
        var room = _segments.Writing ? 0 : Math.Min(fresh.Count, _segments.Backlog.HeadRoom(_queue.Count));
        var toHead = new List<QueuedEvent>();
        foreach (var e in fresh.Take(room))
        {
            if (_queue.Add(e, now) is { } queued)
            {
                _known.Add(e.Id);
                toHead.Add(queued);
            }
        }

        TrimQueue(now);
        try
        {
            if (toHead.Count > 0)
            {
                await Save();
            }

            if (room < fresh.Count)
            {
                await _segments.Append(fresh.GetRange(room, fresh.Count - room));
            }
        }
        catch
        {
            foreach (var queued in toHead)
            {
                _queue.Remove(queued);
                _known.Remove(queued.Event.Id);
            }

            throw;
        }

        // Stored is not enough: a queue nobody wakes after a crash is a queue lost, so the
        // hand-off is acknowledged only once the reminder is in place too.
        await EnsureReminder();
        Pump();
    }

    /// <summary>Takes the oldest segments into the head while it runs low (see <see cref="BacklogSegments.TakeOldest"/>).</summary>
    private async Task Refill()
    {
        _refilling = true;
        try
        {
            while (_segments.Backlog.ShouldRefill(_queue.Count) && State.Entry is not null)
            {
                var number = _segments.Backlog.Oldest;
                var count = await _segments.TakeOldest(async events =>
                {
                    var now = Now;
                    foreach (var e in events)
                    {
                        if (_known.Add(e.Id))
                        {
                            _queue.Add(e, now);
                        }
                    }

                    await Save();
                });
                LogSegmentTaken(logger, Id, number, count);
            }

            TrimQueue(Now);
        }
        catch (Exception ex)
        {
            // The segment stays in the stored range (or is left over outside it). Tried again on the
            // next pump (an attempt ending, a wake-up, the reminder), not at once: storage is failing.
            LogRefillFailed(logger, ex, Id);
            return;
        }
        finally
        {
            _refilling = false;
        }

        Pump();
    }

    private SubscriptionView? View() => State.Entry is not { } entry
        ? null
        : new SubscriptionView(
            entry, State.DisabledReason, State.LastSuccessAt, State.FailingSince, (int)Math.Min(Pending, int.MaxValue),
            _queue.EarliestAttempt, State.DeadLetters.Count,
            State.Secrets is { } secrets && secrets.PreviousInForce(Now) ? secrets.PreviousExpiresAt : null);

    /// <summary>Starts every attempt that may start now and sets a wake-up for the earliest that may not.</summary>
    private void Pump()
    {
        if (State.Entry is not { Enabled: true })
        {
            return;
        }

        if (!_refilling && _segments.Backlog.ShouldRefill(_queue.Count))
        {
            _ = Refill();
        }

        var (starting, nextDue) = _queue.StartDue(Now);

        // Started after the scan: an attempt that completes at once changes the queue.
        foreach (var queued in starting)
        {
            _ = Attempt(queued);
        }

        if (nextDue is { } due)
        {
            ScheduleWake(due);
        }
    }

    /// <summary>One delivery attempt, run beside the grain's calls; its result is applied before the subject moves on and stored soon after.</summary>
    private async Task Attempt(QueuedEvent queued)
    {
        try
        {
            var entry = State.Entry!;
            var startedAt = Now;
            DeliveryOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(new Uri(entry.Definition.Url), SigningSecrets(startedAt), queued.Event, CancellationToken.None);
            }
            catch (CryptographicException ex)
            {
                // The key ring lacks the key (a ring not shared by every silo, or restored without it):
                // nothing can be signed, so the event waits its turn in the retry schedule like any failure.
                LogSecretUnreadable(logger, ex, Id);
                outcome = new DeliveryOutcome(null, "The signing secret could not be decrypted with the cluster's key ring.", null);
            }
            catch (Exception ex)
            {
                outcome = new DeliveryOutcome(null, $"Delivery failed: {ex.GetType().Name}", null);
            }

            if (State.Entry is null || !_queue.IsQueued(queued))
            {
                return;
            }

            if (Apply(queued, outcome, startedAt))
            {
                await Save();
                await Registry.Put(State.Entry);
            }
            else
            {
                SaveSoon();
            }
        }
        catch (Exception ex)
        {
            // Storage or the registry failed: the queue still holds what is undelivered; the next wake retries.
            LogAttemptBookkeepingFailed(logger, ex, Id);
        }
        finally
        {
            _queue.Release(queued);
        }

        Pump();
    }

    /// <summary>Applies an attempt's outcome to the state; true when it disabled the subscription.</summary>
    private bool Apply(QueuedEvent queued, DeliveryOutcome outcome, DateTimeOffset startedAt)
    {
        var now = Now;
        var e = queued.Event;
        var result = _queue.Apply(queued, outcome, _schedule, now);
        Record(new DeliveryRecord(e.Id, e.Type, e.Subject, queued.Attempts, outcome.StatusCode, outcome.Error, startedAt, result.NextAttemptAt));
        if (result.Verdict == AttemptVerdict.Delivered)
        {
            Finished(e.Id);
            State.LastSuccessAt = now;
            State.FailingSince = null;
            return false;
        }

        State.FailingSince ??= startedAt;
        if (result.Verdict == AttemptVerdict.GaveUp)
        {
            DeadLetterOf(queued, $"Gave up after {queued.Attempts} attempts; last: {result.Failure}", now);
            LogDeadLettered(logger, Id, e.Id, queued.Attempts);
        }

        if (State.Entry is { Enabled: true } entry && _disableRule.ShouldDisable(State.FailingSince, now))
        {
            State.Entry = entry with { Enabled = false };
            State.DisabledReason = _disableRule.Reason(State.FailingSince.Value);
            CancelWake();
            LogDisabled(logger, Id, State.FailingSince.Value);
            return true;
        }

        return false;
    }

    private void Record(DeliveryRecord record)
    {
        State.History.Add(record);
        if (State.History.Count > _options.HistoryLimit)
        {
            State.History.RemoveRange(0, State.History.Count - _options.HistoryLimit);
        }
    }

    private void DeadLetterOf(QueuedEvent queued, string reason, DateTimeOffset now)
    {
        State.DeadLetters.Add(new DeadLetter(queued.Event, queued.Attempts, reason, now));
        if (State.DeadLetters.Count > _options.DeadLetterLimit)
        {
            State.DeadLetters.RemoveRange(0, State.DeadLetters.Count - _options.DeadLetterLimit);
        }

        Finished(queued.Event.Id);
    }

    /// <summary>Remembers a delivered or dead-lettered id, so a copy handed over again is dropped.</summary>
    private void Finished(string eventId)
    {
        State.RecentIds.Add(eventId);
        if (State.RecentIds.Count > RecentIdLimit)
        {
            var dropped = State.RecentIds.Count - RecentIdLimit;
            foreach (var old in State.RecentIds.Take(dropped))
            {
                if (!_queue.Contains(old))
                {
                    _known.Remove(old);
                }
            }

            State.RecentIds.RemoveRange(0, dropped);
        }
    }

    /// <summary>
    /// Past the queue limit the oldest events of the head not in flight become dead letters (the
    /// backlog's, once the head has taken them in).
    /// </summary>
    private void TrimQueue(DateTimeOffset now)
    {
        var excess = Pending - _options.MaxQueueLength;
        if (excess <= 0)
        {
            return;
        }

        foreach (var evicted in _queue.TrimTo((int)Math.Max(0, _queue.Count - excess)))
        {
            DeadLetterOf(evicted, $"The subscription's queue was full ({_options.MaxQueueLength} events).", now);
        }
    }

    /// <summary>
    /// Stores an attempt's outcome within <see cref="WriteBehind"/>, shared with other outcomes and
    /// hand-offs. Losing it in a crash only repeats work: a delivered event is delivered again (same
    /// id), a failed one is retried sooner. So one storage write covers many deliveries.
    /// </summary>
    private void SaveSoon()
    {
        _changes++;
        if (_flushPending)
        {
            return;
        }

        _flushPending = true;
        _ = FlushSoon();
    }

    private async Task FlushSoon()
    {
        try
        {
            // A large queue makes each write costly (the whole state is written): wait at least four
            // times the last write, so writing never takes more than a fifth of the grain's time.
            await Task.Delay(_lastWrite * 4 > WriteBehind ? _lastWrite * 4 : WriteBehind);
            _flushPending = false;
            if (_saved < _changes)
            {
                await Save();
            }
        }
        catch (Exception ex)
        {
            _flushPending = false;
            LogAttemptBookkeepingFailed(logger, ex, Id);
        }
    }

    /// <summary>Writes the state once for all changes made before the call; concurrent callers share a write.</summary>
    private async Task Save()
    {
        var wanted = ++_changes;
        await _writing.WaitAsync();
        try
        {
            if (_saved >= wanted)
            {
                return;
            }

            var writing = _changes;
            if (State.Secrets?.DropExpired(Now) == true)
            {
                _previous = null;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await state.WriteStateAsync();
            _lastWrite = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            _saved = writing;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The secrets that sign a delivery at <paramref name="now"/>, newest first; decrypted on first use.</summary>
    private IReadOnlyList<byte[]> SigningSecrets(DateTimeOffset now)
    {
        if (State.Secrets is not { } secrets)
        {
            // A state not migrated yet (protecting failed on activation): its secret is still in plain text.
            return [State.PlaintextSecret!];
        }

        _current ??= protector.Unprotect(Id, secrets.Current);
        if (!secrets.PreviousInForce(now))
        {
            return [_current];
        }

        if (_previous is null)
        {
            try
            {
                _previous = protector.Unprotect(Id, secrets.Previous!);
            }
            catch (CryptographicException ex)
            {
                // A secret rotated out because it could no longer be decrypted (a ring restored
                // without its key): the new secret alone signs, rather than no delivery at all.
                LogSecretUnreadable(logger, ex, Id);
                return [_current];
            }
        }

        return [_current, _previous];
    }

    /// <summary>
    /// Migrates a state written before secrets were encrypted: protects its plain-text secret and
    /// writes the state back at once, so the plain text leaves storage on the first activation. On
    /// failure (the key ring or storage unreachable) deliveries go on with the plain text in memory
    /// and the next activation, or the next write, finishes the job.
    /// </summary>
    private async Task ProtectPlaintextSecret()
    {
        if (State.PlaintextSecret is not { } plaintext)
        {
            return;
        }

        try
        {
            State.Secrets ??= new StoredSecrets { Current = protector.Protect(Id, plaintext) };
            State.PlaintextSecret = null;
            _current = plaintext;
            await Save();
            LogSecretMigrated(logger, Id);
        }
        catch (Exception ex)
        {
            LogSecretMigrationFailed(logger, ex, Id);
        }
    }

    private void ScheduleWake(DateTimeOffset due)
    {
        if (_wake is not null && _wakeAt <= due)
        {
            return;
        }

        CancelWake();
        _wake = new CancellationTokenSource();
        _wakeAt = due;
        _ = WakeAt(due, _wake);
    }

    private async Task WakeAt(DateTimeOffset due, CancellationTokenSource wake)
    {
        try
        {
            var delay = due - Now;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock.Time, wake.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_wake == wake)
        {
            _wake = null;
            wake.Dispose();
        }

        Pump();
    }

    private void CancelWake()
    {
        var wake = _wake;
        _wake = null;
        if (wake is not null)
        {
            wake.Cancel();
            wake.Dispose();
        }
    }

    /// <summary>
    /// A reminder wakes the grain while the queue is not empty (after a crash, a move, a
    /// deactivation). Concurrent hand-offs share one registration; a failed one is tried again by
    /// the next caller (the failure is thrown, so the producer keeps its events and retries).
    /// </summary>
    private Task EnsureReminder() =>
        _reminderWanted && !_reminderWork.IsFaulted ? _reminderWork : ChangeReminder(wanted: true);

    /// <summary>
    /// Registers or removes the wake-up reminder, one change after another: hand-offs interleave
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
                    var period = reminders.Value.MinimumReminderPeriod > TimeSpan.FromMinutes(1) ? reminders.Value.MinimumReminderPeriod : TimeSpan.FromMinutes(1);
                    await this.RegisterOrUpdateReminder(WakeReminder, period, period);
                }
                else if (await this.GetReminder(WakeReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }
            }
            catch (Exception ex)
            {
                LogReminderFailed(logger, ex, Id);
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook subscription {SubscriptionId} activated with {Pending} queued events")]
    private static partial void LogActivated(ILogger logger, string subscriptionId, long pending);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook subscription {SubscriptionId}: backlog segment {Segment} ({Count} events) taken into the head")]
    private static partial void LogSegmentTaken(ILogger logger, string subscriptionId, long segment, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: taking a backlog segment into the head failed; it stays in the backlog")]
    private static partial void LogRefillFailed(ILogger logger, Exception exception, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: event {EventId} dead-lettered after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string subscriptionId, string eventId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} disabled: no successful delivery since {FailingSince}")]
    private static partial void LogDisabled(ILogger logger, string subscriptionId, DateTimeOffset failingSince);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} enabled")]
    private static partial void LogEnabled(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: recording an attempt failed; the queue keeps the event")]
    private static partial void LogAttemptBookkeepingFailed(ILogger logger, Exception exception, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId}: secret rotated; the previous one signs until {PreviousExpiresAt}")]
    private static partial void LogSecretRotated(ILogger logger, string subscriptionId, DateTimeOffset previousExpiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId}: plain-text secret of an older state encrypted and stored")]
    private static partial void LogSecretMigrated(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: encrypting the plain-text secret of an older state failed; tried again on the next activation")]
    private static partial void LogSecretMigrationFailed(ILogger logger, Exception exception, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook subscription {SubscriptionId}: the signing secret cannot be decrypted with this silo's key ring; deliveries fail until it can")]
    private static partial void LogSecretUnreadable(ILogger logger, Exception exception, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: changing the wake-up reminder failed")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string subscriptionId);
}
