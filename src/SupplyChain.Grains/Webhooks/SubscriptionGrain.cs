using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Persistence;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// One subscription (key: its id): its lifecycle (create, rotate the secret, enable, delete), the
/// admission of the events handed over to it, and the pump that delivers them. Events handed over
/// are queued and stored before <see cref="Enqueue"/> returns. Delivery runs beside the grain's calls
/// (HTTP requests are awaited off the call path, their results booked on the grain's scheduler): at
/// most <see cref="WebhookOptions.MaxInFlight"/> at once, at most one per subject, and the next event
/// of a subject only after the previous one is delivered or dead-lettered, so a subject's events are
/// first delivered in order. A failure waits its turn in the retry schedule (or the receiver's
/// <c>Retry-After</c> on 429/503) on the <see cref="WebhookClock"/>; after the last attempt the event
/// becomes a dead letter. With no success for <see cref="WebhookOptions.DisableAfter"/> the
/// subscription is disabled.
/// <para>
/// The parts beside it, one concern each: <see cref="SubscriptionLedger"/> decides (what a delivery's
/// outcome does to the queue, the history, the dead letters and the subscription; pure, unit-tested);
/// <see cref="WriteBehind"/> stores (outcomes within 200 ms, many per write: after a crash an event
/// delivered but not yet stored as such is delivered again, same id); <see cref="WakeUps"/> wakes
/// (an in-memory wake-up for the next due attempt, and a reminder while the queue is not empty, so a
/// deactivated or moved subscription resumes from its stored queue); <see cref="SigningSecrets"/>
/// holds the secrets (stored protected, in plain text in memory only; a state written before secrets
/// were encrypted is migrated on activation; after a rotation deliveries carry two signatures until
/// the overlap ends); <see cref="BacklogSegments"/> keeps the backlog.
/// </para>
/// <para>
/// The queue is a head and a backlog (<see cref="Backlog"/>): the head, the oldest events, lives in
/// this grain's state and memory and is what deliveries start from; events handed over while
/// segments wait go to the newest <see cref="WebhookSegmentGrain"/> (one bounded write), and the head
/// takes in the oldest segment when it runs low. So a write costs the same however long the backlog
/// is, and this grain's state does not grow with it.
/// </para>
/// <para>
/// A call that fails lets the activation go without writing (<see cref="FailedCallDeactivation"/>):
/// a change storage refused (a rotated secret, dead letters taken for a redrive) must neither sign
/// deliveries nor reach storage with a later write; the admin's retry meets what storage holds.
/// </para>
/// <para>
/// Its grain type, storage name and state are those it had as <c>WebhookDispatcherGrain</c>, so
/// stored subscriptions, their reminders and references to them carry over.
/// </para>
/// </summary>
[GrainType("webhookdispatcher")]
internal sealed partial class SubscriptionGrain(
    [PersistentState("webhook", StorageNames.State)] IPersistentState<SubscriptionState> state,
    WebhookSender sender,
    WebhookClock clock,
    WebhookSecretProtector protector,
    IOptions<WebhookOptions> options,
    IOptions<Orleans.Hosting.ReminderOptions> reminders,
    ILogger<SubscriptionGrain> logger) : Grain, ISubscriptionGrain, IRemindable, IIncomingGrainCallFilter, IDisposable
{
    private readonly WebhookOptions _options = options.Value;
    private readonly RetrySchedule _schedule = RetrySchedule.From(options.Value);

    /// <summary>Hand-offs whose events are being stored (see <see cref="Enqueue"/>).</summary>
    private readonly List<Task> _admissions = [];
    private SubscriptionLedger _ledger = null!;
    private SigningSecrets _secrets = null!;
    private BacklogSegments _segments = null!;
    private WriteBehind _writes = null!;
    private WakeUps _wakeUps = null!;
    private bool _refilling;

    private SubscriptionState State => state.State;

    private string Id => this.GetPrimaryKeyString();

    private DateTimeOffset Now => clock.Time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = new WriteBehind(Write, logger, Id);
        var period = reminders.Value.MinimumReminderPeriod > TimeSpan.FromMinutes(1) ? reminders.Value.MinimumReminderPeriod : TimeSpan.FromMinutes(1);
        _wakeUps = new WakeUps(this, clock.Time, period, Pump, logger, Id);
        KeepBooksIn(State);
        await _segments.Restore();

        await ProtectPlaintextSecret();
        if (Pending > 0)
        {
            _wakeUps.AssumeReminder();
        }

        LogActivated(logger, Id, Pending);
        Pump();
    }

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await FailedCallDeactivation.Invoke(context);
        }
        catch
        {
            _writes.Close();
            throw;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _wakeUps.Cancel();
        if (!_writes.IsClosed && _writes.HasUnsaved && State.Entry is not null)
        {
            try
            {
                await _writes.Save();
            }
            catch (Exception ex)
            {
                LogAttemptBookkeepingFailed(logger, ex, Id);
            }
        }

        // Attempts still running book their outcome in memory only: a newer activation owns the state.
        _writes.Close();
    }

    public void Dispose()
    {
        _wakeUps?.Dispose();
        _writes?.Dispose();
        _segments?.Dispose();
    }

    public async Task<bool> Create(SubscriptionDefinition definition, byte[] secret)
    {
        if (State.Entry is not null)
        {
            return false;
        }

        State.Entry = new SubscriptionEntry(Id, definition, Enabled: true, Now);
        _secrets.Create(secret);
        await _writes.Save();
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
        _secrets.Rotate(secret, expires);
        await _writes.Save();
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
        _wakeUps.Cancel();
        await _segments.ClearAll();
        await _writes.Alone(async () =>
        {
            await state.ClearStateAsync();
            state.State = new SubscriptionState();

            // The old segments are left to the collector, not disposed: a refill may still be waiting on them.
            KeepBooksIn(State);
        });

        await _wakeUps.DropReminder();
        return true;
    }

    public async Task<SubscriptionView?> Enable()
    {
        if (State.Entry is null)
        {
            return null;
        }

        if (_ledger.Enable(Now))
        {
            await _writes.Save();
            LogEnabled(logger, Id);
        }

        // Also when it was enabled already: an earlier Enable may have been stored here and refused by the registry.
        await Registry.Put(State.Entry);
        Pump();

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
            if (!_ledger.IsKnown(e.Id) && !_segments.Holds(e) && seen.Add(e.Id))
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
            await _wakeUps.KeepReminder();
        }

        await Task.WhenAll(earlier);
    }

    public Task<IReadOnlyList<DeliveryRecord>> GetDeliveries(int limit) => Task.FromResult(_ledger.Deliveries(limit));

    public Task<IReadOnlyList<WebhookDeadLetter>> GetDeadLetters() => Task.FromResult<IReadOnlyList<WebhookDeadLetter>>([.. State.DeadLetters]);

    public async Task<int> Redrive(IReadOnlyList<string>? eventIds)
    {
        if (State.Entry is null)
        {
            return 0;
        }

        var redriven = _ledger.TakeDeadLetters(eventIds);
        if (redriven.Count > 0)
        {
            await Admit([.. redriven.Select(d => d.Event).Where(e => !_ledger.IsQueued(e.Id))]);

            // The dead letters' removal: Admit writes this grain's state only for events it put in the head.
            await _writes.Save();
        }

        return redriven.Count;
    }

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName != WakeUps.ReminderName)
        {
            return;
        }

        if (Pending == 0 || State.Entry is null)
        {
            await _wakeUps.DropReminder();
            return;
        }

        Pump();
    }

    private IWebhookRegistryGrain Registry => GrainFactory.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key);

    /// <summary>Events still to deliver: the head's and the backlog's.</summary>
    private long Pending => _ledger.HeadCount + _segments.Backlog.Count;

    /// <summary>Keeps the ledger, the secrets and the backlog in <paramref name="current"/> (on activation, and the fresh state after a delete).</summary>
    private void KeepBooksIn(SubscriptionState current)
    {
        _ledger = new SubscriptionLedger(current, _options, _schedule);
        _secrets = new SigningSecrets(current, protector, Id, logger);
        _segments = new BacklogSegments(GrainFactory, Id, new Backlog(current.Backlog, _options.SegmentSize), _writes.Save);
    }

    /// <summary>The one write of this grain's state, shared by <see cref="WriteBehind"/>; an expired previous secret leaves storage with it.</summary>
    private Task Write()
    {
        _secrets.DropExpired(Now);
        return state.WriteStateAsync();
    }

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
        var room = _segments.Writing ? 0 : Math.Min(fresh.Count, _segments.Backlog.HeadRoom(_ledger.HeadCount));
        var toHead = _ledger.Queue(fresh.Take(room), now);
        _ledger.Trim(_segments.Backlog.Count, now);
        try
        {
            if (toHead.Count > 0)
            {
                await _writes.Save();
            }

            if (room < fresh.Count)
            {
                await _segments.Append(fresh.GetRange(room, fresh.Count - room));
            }
        }
        catch
        {
            _ledger.Forget(toHead);
            throw;
        }

        // Stored is not enough: a queue nobody wakes after a crash is a queue lost, so the
        // hand-off is acknowledged only once the reminder is in place too.
        await _wakeUps.KeepReminder();
        Pump();
    }

    /// <summary>Takes the oldest segments into the head while it runs low (see <see cref="BacklogSegments.TakeOldest"/>).</summary>
    private async Task Refill()
    {
        _refilling = true;
        try
        {
            while (_segments.Backlog.ShouldRefill(_ledger.HeadCount) && State.Entry is not null)
            {
                var number = _segments.Backlog.Oldest;
                var count = await _segments.TakeOldest(async events =>
                {
                    _ledger.QueueUnknown(events, Now);
                    await _writes.Save();
                });
                LogSegmentTaken(logger, Id, number, count);
            }

            _ledger.Trim(_segments.Backlog.Count, Now);
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
            _ledger.EarliestAttempt, State.DeadLetters.Count, _secrets.PreviousExpiresAt(Now));

    /// <summary>Starts every attempt that may start now and sets a wake-up for the earliest that may not.</summary>
    private void Pump()
    {
        // Closed writes: this activation is going, and the next one delivers from what storage holds.
        if (State.Entry is not { Enabled: true } || _writes.IsClosed)
        {
            return;
        }

        if (!_refilling && _segments.Backlog.ShouldRefill(_ledger.HeadCount))
        {
            _ = Refill();
        }

        var (starting, nextDue) = _ledger.StartDue(Now);

        // Started after the scan: an attempt that completes at once changes the queue.
        foreach (var queued in starting)
        {
            _ = Attempt(queued);
        }

        if (nextDue is { } due)
        {
            _wakeUps.At(due);
        }
    }

    /// <summary>One delivery attempt, run beside the grain's calls; its result is booked before the subject moves on and stored soon after.</summary>
    private async Task Attempt(QueuedEvent queued)
    {
        var ledger = _ledger;
        try
        {
            var entry = State.Entry!;
            var startedAt = Now;
            DeliveryOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(new Uri(entry.Definition.Url), _secrets.At(startedAt), queued.Event, CancellationToken.None);
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

            if (State.Entry is null || !_ledger.IsQueued(queued))
            {
                return;
            }

            var booked = _ledger.Book(queued, outcome, startedAt, Now);
            if (booked.Verdict == AttemptVerdict.GaveUp)
            {
                LogDeadLettered(logger, Id, queued.Event.Id, queued.Attempts);
            }

            if (booked.Disabled)
            {
                _wakeUps.Cancel();
                LogDisabled(logger, Id, State.FailingSince!.Value);
                await _writes.Save();
                await Registry.Put(State.Entry);
            }
            else
            {
                _writes.SaveSoon();
            }
        }
        catch (Exception ex)
        {
            // Storage or the registry failed: the queue still holds what is undelivered; the next wake retries.
            LogAttemptBookkeepingFailed(logger, ex, Id);
        }
        finally
        {
            ledger.Release(queued);
        }

        Pump();
    }

    /// <summary>
    /// Migrates a state written before secrets were encrypted: protects its plain-text secret and
    /// writes the state back at once, so the plain text leaves storage on the first activation. On
    /// failure (the key ring or storage unreachable) deliveries go on with the plain text in memory
    /// and the next activation, or the next write, finishes the job.
    /// </summary>
    private async Task ProtectPlaintextSecret()
    {
        try
        {
            if (_secrets.ProtectPlaintext())
            {
                await _writes.Save();
                LogSecretMigrated(logger, Id);
            }
        }
        catch (Exception ex)
        {
            LogSecretMigrationFailed(logger, ex, Id);
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

}
