using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Vehicles;
using SupplyChain.Grains.Geofences;
using SupplyChain.Grains.References;
using SupplyChain.Grains.Telemetry;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// The vehicles of one inbound partition, held by that partition's grain, which sees every one of
/// their pings anyway. A ping is applied where it is delivered, without a grain call: one call per
/// ping cost more than everything else a ping does (docs/architecture.md, "Where a vehicle lives").
/// Each vehicle's state is stored on its own through the grain storage provider, under the vehicle's
/// id, on meaningful changes and once per <see cref="VehicleCheckpointOptions.VehicleCheckpointInterval"/>;
/// a vehicle is read from storage on its first operation after the partition's activation.
/// One vehicle's operations run one after another (<see cref="Vehicle.Pending"/>), different
/// vehicles' at once. A vehicle whose operation failed is dropped from memory, so the next one reads
/// storage again and a redelivered ping is applied for real, not dropped as a duplicate of what
/// storage never got. A vehicle without a ping for <see cref="VehicleCheckpointOptions.VehicleIdleTimeout"/>
/// is written, if it changed, and let go (<see cref="LetGoOfIdle"/>); the fleet list keeps its
/// summary. Alerts that name the shipments on board are attached to each of them at least once
/// while the partition lives: a failed attempt is retried with backoff (<see cref="RetryAlerts"/>,
/// <see cref="AlertRetryWaits"/>), and alerts given up on after the last attempt are logged as an
/// error and counted, never dropped in silence. Not thread safe: it belongs to one partition grain activation.
/// </summary>
internal sealed partial class Fleet(
    IGrainFactory grains,
    [FromKeyedServices(StorageNames.State)] IGrainStorage storage,
    GeofenceCatalog geofences,
    IOptions<TrackingOptions> options,
    IOptions<VehicleCheckpointOptions> checkpoint,
    WebhookOutbox webhooks,
    TimeProvider time,
    ILogger<Fleet> logger)
{
    /// <summary>The state name and grain type a vehicle's state is stored under (those of the vehicle grain that once held it).</summary>
    private const string StateName = "vehicle";

    /// <summary>Most alert hand-offs waiting for another attempt; beyond it the oldest are given up on (logged and counted).</summary>
    internal const int UnattachedLimit = 10_000;

    private static readonly GrainType VehicleType = GrainType.Create("vehicle");

    /// <summary>
    /// The waits after each failed attempt to attach alerts to a shipment: doubling from 1 s to a
    /// minute, about 5 minutes in all, so a storage outage of that long loses nothing; then the
    /// alerts are given up on. Like the webhook outbox's retries, only shorter: a shipment that
    /// cannot write for longer has its scans failing too, and ops are alerted by those.
    /// </summary>
    internal static readonly TimeSpan[] AlertRetryWaits =
        [.. ((int[])[1, 2, 4, 8, 15, 30, 60, 60, 60, 60]).Select(seconds => TimeSpan.FromSeconds(seconds))];

    private readonly List<UnattachedAlerts> _unattached = [];

    private readonly TrackingOptions _options = options.Value;
    private readonly PingPlausibility _plausibility = new(options.Value.MaxPlausibleSpeedKmh, options.Value.MaxAccuracyM);
    private readonly Dictionary<string, Vehicle> _vehicles = new(StringComparer.Ordinal);

    /// <summary>The fleet list's lines of the vehicles let go (a summary is a tenth of a held vehicle).</summary>
    private readonly Dictionary<string, VehicleSummary> _letGo = new(StringComparer.Ordinal);

    /// <summary>How often <see cref="RetryAlerts"/> should run: the shortest of <see cref="AlertRetryWaits"/>.</summary>
    public static TimeSpan AlertRetryCheckPeriod => AlertRetryWaits[0];

    /// <summary>How often <see cref="LetGoOfIdle"/> should run: every half idle timeout, at most every minute.</summary>
    public TimeSpan IdleCheckPeriod => TimeSpan.FromTicks(Math.Min(checkpoint.Value.VehicleIdleTimeout.Ticks / 2, TimeSpan.FromMinutes(1).Ticks));

    /// <summary>Applies a ping after the vehicle's earlier operations: the events it raised.</summary>
    public Task<IReadOnlyList<OutboundEvent>> Apply(PingReceived ping)
    {
        var vehicle = Hosted(ping.VehicleId);
        var applying = vehicle.Pending.IsCompletedSuccessfully ? ApplyNow(vehicle, ping) : ApplyAfter(vehicle.Pending, vehicle, ping);
        vehicle.Pending = applying;
        return applying;
    }

    /// <summary>The vehicle now carries <paramref name="trackingNumber"/>.</summary>
    public Task Carry(string vehicleId, string trackingNumber) =>
        Then(vehicleId, v => v.State.Shipments.Contains(trackingNumber) ? Task.CompletedTask : Changed(v, () => v.State.Shipments.Add(trackingNumber)));

    /// <summary>The vehicle no longer carries <paramref name="trackingNumber"/>.</summary>
    public Task Release(string vehicleId, string trackingNumber) =>
        Then(vehicleId, v => v.State.Shipments.Contains(trackingNumber) ? Changed(v, () => v.State.Shipments.Remove(trackingNumber)) : Task.CompletedTask);

    /// <summary>The vehicle as the API shows it, or null when it never reported. An unknown vehicle is read, not held.</summary>
    public async Task<VehicleView?> View(string vehicleId)
    {
        if (_vehicles.TryGetValue(vehicleId, out var vehicle))
        {
            try
            {
                await vehicle.Pending;
            }
            catch (Exception) when (!IsHeld(vehicle))
            {
                // The operation failed and dropped the vehicle: storage has what counts.
            }

            if (IsHeld(vehicle))
            {
                return vehicle.View();
            }
        }

        var stored = new Vehicle(vehicleId, time.GetTimestamp());
        await ReadInto(stored);
        return stored.View();
    }

    /// <summary>The latest position of every vehicle seen since the partition's activation that has reported one.</summary>
    public IReadOnlyList<VehicleSummary> Summaries()
    {
        var summaries = new List<VehicleSummary>(_vehicles.Count + _letGo.Count);
        foreach (var vehicle in _vehicles.Values)
        {
            if (vehicle.Summary() is { } summary)
            {
                summaries.Add(summary);
            }
        }

        summaries.AddRange(_letGo.Values);
        return summaries;
    }

    /// <summary>
    /// Lets go of every vehicle idle for the idle timeout, each after its earlier operations and, when
    /// it changed since its last write, after writing it. A vehicle that pings meanwhile stays. A
    /// failed write drops the vehicle as any failed operation does (logged there); the next check
    /// finds nothing left of it to let go.
    /// </summary>
    public async Task LetGoOfIdle()
    {
        var now = time.GetTimestamp();
        var idle = _vehicles.Values.Where(v => v.Pending.IsCompleted && time.GetElapsedTime(v.LastPingAt, now) >= checkpoint.Value.VehicleIdleTimeout).ToList();
        var writes = new List<Task>();
        foreach (var vehicle in idle)
        {
            if (vehicle.Unwritten)
            {
                writes.Add(Then(vehicle.Id, LetGoAfterWriting));
            }
            else
            {
                LetGo(vehicle);
            }
        }

        try
        {
            await Task.WhenAll(writes);
        }
        catch (Exception)
        {
            // Each failure dropped its vehicle and was logged; the others were let go.
        }
    }

    private async Task LetGoAfterWriting(Vehicle vehicle)
    {
        var pingedAt = vehicle.LastPingAt;
        await Write(vehicle);
        if (vehicle.LastPingAt == pingedAt)
        {
            LetGo(vehicle);
        }
    }

    private void LetGo(Vehicle vehicle)
    {
        _vehicles.Remove(vehicle.Id);
        if (vehicle.Summary() is { } summary)
        {
            _letGo[vehicle.Id] = summary;
        }
    }

    private bool IsHeld(Vehicle vehicle) => _vehicles.TryGetValue(vehicle.Id, out var held) && ReferenceEquals(held, vehicle);

    private static GrainId GrainIdOf(string vehicleId) => GrainId.Create(VehicleType, vehicleId);

    /// <summary>The vehicle, held from now on; a vehicle not held yet starts with reading its state.</summary>
    private Vehicle Hosted(string vehicleId)
    {
        if (!_vehicles.TryGetValue(vehicleId, out var vehicle))
        {
            vehicle = new Vehicle(vehicleId, time.GetTimestamp());
            _vehicles.Add(vehicleId, vehicle);
            _letGo.Remove(vehicleId);
            vehicle.Pending = Read(vehicle);
        }

        return vehicle;
    }

    private async Task Read(Vehicle vehicle)
    {
        try
        {
            await ReadInto(vehicle);
        }
        catch (Exception ex)
        {
            Drop(vehicle, ex);
            throw;
        }

        vehicle.SavedAt = time.GetTimestamp();
    }

    private async Task ReadInto(Vehicle vehicle)
    {
        await storage.ReadStateAsync(StateName, GrainIdOf(vehicle.Id), vehicle.Stored);
        vehicle.Restore();
    }

    /// <summary>Runs <paramref name="operation"/> once the vehicle's earlier ones are done; it fails if one of them did.</summary>
    private Task Then(string vehicleId, Func<Vehicle, Task> operation)
    {
        var vehicle = Hosted(vehicleId);
        var running = After(vehicle.Pending, vehicle, operation);
        vehicle.Pending = running;
        return running;
    }

    private async Task After(Task before, Vehicle vehicle, Func<Vehicle, Task> operation)
    {
        await before;
        try
        {
            await operation(vehicle);
        }
        catch (Exception ex)
        {
            Drop(vehicle, ex);
            throw;
        }
    }

    private async Task Changed(Vehicle vehicle, Action change)
    {
        change();
        await Write(vehicle);
    }

    private async Task<IReadOnlyList<OutboundEvent>> ApplyAfter(Task before, Vehicle vehicle, PingReceived ping)
    {
        // A failed read or an earlier failed operation fails this ping too; the message is delivered again.
        await before;
        return await ApplyNow(vehicle, ping);
    }

    private async Task<IReadOnlyList<OutboundEvent>> ApplyNow(Vehicle vehicle, PingReceived ping)
    {
        using var activity = TrackingTelemetry.StartHandling(EventTypes.GpsPing, ping.TraceParent, ping.TraceState);
        try
        {
            var now = time.GetTimestamp();
            vehicle.LastPingAt = now;
            var applied = vehicle.Apply(ping, geofences.Index, _options, _plausibility);
            if (!applied.Accepted)
            {
                return applied.Raised;
            }

            if (applied.Raised.Count > 0)
            {
                // Webhooks get the events before the state that raised them is written (see WebhookOutbox).
                await webhooks.HandOff(applied.Raised);
            }

            if (applied.Fix is { } fix)
            {
                PassOn(vehicle, fix, applied.ForShipments);
            }

            if (applied.Meaningful || time.GetElapsedTime(vehicle.SavedAt, now) >= checkpoint.Value.VehicleCheckpointInterval)
            {
                await Write(vehicle);
            }

            return applied.Raised;
        }
        catch (Exception ex)
        {
            Drop(vehicle, ex);
            throw;
        }
    }

    /// <summary>
    /// Queues a fix, and the alerts that name them, for the shipments now on board, and starts handing
    /// the queue over unless that is under way. One vehicle's fixes reach a shipment in order: what
    /// queued while a hand-off was out goes in the next one, as one call per shipment. One-way calls
    /// per fix did not keep the order (sent in a burst they overtook each other, and a shipment that saw
    /// a later fix first ignored the earlier ones, a detour among them), and a call per fix in turn made
    /// a burst (a device's buffered history) trail behind by a round trip per fix. Neither the stream
    /// message nor the vehicle's next operation waits for the hand-off (a shipment may be calling the
    /// partition to bind the vehicle). Fixes a shipment failed to take are logged and passed over, as
    /// the next fix follows seconds later; alerts are attached apart from them and retried until taken.
    /// </summary>
    private void PassOn(Vehicle vehicle, VehicleFix fix, IReadOnlyList<OutboundEvent>? alerts)
    {
        vehicle.QueuedFixes.Add(new QueuedFix(fix, alerts, [.. vehicle.State.Shipments]));
        if (!vehicle.PassingFixes)
        {
            vehicle.PassingFixes = true;
            _ = PassQueuedFixes(vehicle);
        }
    }

    /// <summary>Hands the queued fixes over until none are left; never throws (each hand-off handles its own failures).</summary>
    private async Task PassQueuedFixes(Vehicle vehicle)
    {
        while (vehicle.QueuedFixes.Count > 0)
        {
            var queued = vehicle.QueuedFixes.ToArray();
            vehicle.QueuedFixes.Clear();
            await Task.WhenAll(queued.SelectMany(q => q.Shipments).Distinct(StringComparer.Ordinal).Select(trackingNumber => HandOver(vehicle.Id, trackingNumber, queued)));
        }

        vehicle.PassingFixes = false;
    }

    private async Task HandOver(string vehicleId, string trackingNumber, QueuedFix[] queued)
    {
        var mine = queued.Where(q => q.Shipments.Contains(trackingNumber, StringComparer.Ordinal)).ToList();
        try
        {
            await StringKeyGrain<IShipmentGrain>.Get(grains, trackingNumber).OnVehicleFixes([.. mine.Select(q => q.Fix)]);
        }
        catch (Exception ex)
        {
            LogFixNotTaken(logger, ex, vehicleId, trackingNumber, mine.Count);
        }

        if (mine.SelectMany(q => q.Alerts ?? []).ToList() is { Count: > 0 } alerts)
        {
            await Attach(new UnattachedAlerts(vehicleId, trackingNumber, alerts));
        }
    }

    /// <summary>Attaches alerts to their shipment (which drops those it has by id); a failure schedules the next attempt or, after the last, gives them up loudly. Never throws.</summary>
    private async Task Attach(UnattachedAlerts pending)
    {
        try
        {
            await StringKeyGrain<IShipmentGrain>.Get(grains, pending.TrackingNumber).AttachAlerts(pending.Alerts);
        }
        catch (Exception ex)
        {
            pending.FailedAttempts++;
            if (pending.FailedAttempts > AlertRetryWaits.Length)
            {
                GiveUp(pending, ex);
                return;
            }

            pending.FailedAt = time.GetTimestamp();
            pending.Wait = AlertRetryWaits[pending.FailedAttempts - 1];
            LogAlertsNotAttached(logger, ex, pending.VehicleId, pending.Alerts.Count, pending.TrackingNumber, pending.FailedAttempts, pending.Wait);
            if (_unattached.Count >= UnattachedLimit)
            {
                GiveUp(_unattached[0], ex);
                _unattached.RemoveAt(0);
            }

            _unattached.Add(pending);
            return;
        }

        if (pending.FailedAttempts > 0)
        {
            LogAlertsAttached(logger, pending.VehicleId, pending.Alerts.Count, pending.TrackingNumber, pending.FailedAttempts + 1);
        }
    }

    /// <summary>
    /// Starts attaching the alerts whose wait after a failed attempt is over (the partition grain's
    /// timer calls this) and returns without waiting for them: a timer's turn holds the partition's
    /// stream deliveries back, and a shipment may take a call's whole timeout to answer.
    /// </summary>
    public Task RetryAlerts()
    {
        if (_unattached.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = time.GetTimestamp();
        var due = new List<UnattachedAlerts>();
        _unattached.RemoveAll(u =>
        {
            var isDue = time.GetElapsedTime(u.FailedAt, now) >= u.Wait;
            if (isDue)
            {
                due.Add(u);
            }

            return isDue;
        });
        foreach (var pending in due)
        {
            // Attach handles its own failures.
            _ = Attach(pending);
        }

        return Task.CompletedTask;
    }

    private void GiveUp(UnattachedAlerts pending, Exception exception)
    {
        TrackingTelemetry.AlertsGivenUp(pending.Alerts.Count);
        LogAlertsGivenUp(
            logger, exception, pending.VehicleId, pending.Alerts.Count, pending.TrackingNumber, pending.FailedAttempts,
            string.Join(", ", pending.Alerts.Select(a => $"{a.Type} {a.Id}")));
    }

    private async Task Write(Vehicle vehicle)
    {
        vehicle.PrepareWrite();
        try
        {
            await storage.WriteStateAsync(StateName, GrainIdOf(vehicle.Id), vehicle.Stored);
        }
        finally
        {
            vehicle.Written(time.GetTimestamp());
        }
    }

    /// <summary>Forgets a vehicle whose state in memory may be ahead of storage; its next operation reads storage again.</summary>
    private void Drop(Vehicle vehicle, Exception exception)
    {
        if (IsHeld(vehicle))
        {
            _vehicles.Remove(vehicle.Id);
        }

        LogDropped(logger, exception, vehicle.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {VehicleId}: an operation failed; its state will be read from storage again")]
    private static partial void LogDropped(ILogger logger, Exception exception, string vehicleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {VehicleId}: shipment {TrackingNumber} did not take {Count} fix(es); the next ones follow")]
    private static partial void LogFixNotTaken(ILogger logger, Exception exception, string vehicleId, string trackingNumber, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {VehicleId}: {Count} alert(s) not attached to shipment {TrackingNumber} (attempt {Attempt}); trying again in {Wait}")]
    private static partial void LogAlertsNotAttached(ILogger logger, Exception exception, string vehicleId, int count, string trackingNumber, int attempt, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vehicle {VehicleId}: {Count} alert(s) attached to shipment {TrackingNumber} at attempt {Attempt}")]
    private static partial void LogAlertsAttached(ILogger logger, string vehicleId, int count, string trackingNumber, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Vehicle {VehicleId}: gave up attaching {Count} alert(s) to shipment {TrackingNumber} after {Attempts} attempts: {Alerts}")]
    private static partial void LogAlertsGivenUp(ILogger logger, Exception exception, string vehicleId, int count, string trackingNumber, int attempts, string alerts);
}
