using Microsoft.Extensions.Logging;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Grains.References;
using SupplyChain.Grains.Telemetry;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// Sends one vehicle's fixes, and the alerts that name them, to the shipments on board. One vehicle's
/// fixes reach a shipment in order: what queued while a send was out goes in the next one, as one
/// call per shipment. One-way calls per fix did not keep the order (sent in a burst they overtook each
/// other, and a shipment that saw a later fix first ignored the earlier ones, a detour among them), and
/// a call per fix in turn made a burst (a device's buffered history) trail behind by a round trip per
/// fix. Neither the vehicle's pings nor its next call wait for the send: a shipment may be calling
/// the vehicle to bind it. Fixes a shipment failed to take are logged and passed over, as the next fix
/// follows seconds later; alerts are attached apart from them and retried with backoff
/// (<see cref="AlertRetryWaits"/>) while the vehicle's activation lives, then given up loudly (an error
/// naming them, and a count), never dropped in silence. Not thread safe: it belongs to one vehicle
/// grain activation, whose scheduler runs its continuations one at a time.
/// </summary>
internal sealed partial class FixesToShipments(string vehicleId, IGrainFactory grains, TimeProvider time, ILogger logger)
{
    /// <summary>Most alert attachments of one vehicle waiting for another attempt; beyond it the oldest are given up on (logged and counted).</summary>
    internal const int UnattachedLimit = 100;

    /// <summary>
    /// The waits after each failed attempt to attach alerts to a shipment: doubling from 1 s to a
    /// minute, about 5 minutes in all, so a storage outage of that long loses nothing; then the
    /// alerts are given up on. Like the webhook outbox's retries, only shorter: a shipment that
    /// cannot write for longer has its scans failing too, and ops are alerted by those.
    /// </summary>
    internal static readonly TimeSpan[] AlertRetryWaits =
        [.. ((int[])[1, 2, 4, 8, 15, 30, 60, 60, 60, 60]).Select(seconds => TimeSpan.FromSeconds(seconds))];

    private readonly List<QueuedFix> _queued = [];
    private readonly List<UnattachedAlerts> _unattached = [];
    private bool _sending;

    /// <summary>How often <see cref="RetryAlerts"/> should run while <see cref="HasUnattached"/>: the shortest of <see cref="AlertRetryWaits"/>.</summary>
    public static TimeSpan AlertRetryCheckPeriod => AlertRetryWaits[0];

    /// <summary>Whether alerts wait for another attempt.</summary>
    public bool HasUnattached => _unattached.Count > 0;

    /// <summary>Raised when alerts start waiting for another attempt, so the vehicle starts its retry timer.</summary>
    public event Action? AlertsWaiting;

    /// <summary>Queues a fix, and the alerts that name them, for <paramref name="shipments"/>, and starts sending the queue unless that is under way.</summary>
    public void Send(VehicleFix fix, IReadOnlyList<OutboundEvent>? alerts, string[] shipments)
    {
        _queued.Add(new QueuedFix(fix, alerts, shipments));
        if (!_sending)
        {
            _sending = true;
            _ = SendQueued();
        }
    }

    /// <summary>
    /// Starts attaching the alerts whose wait after a failed attempt is over (the vehicle's timer calls
    /// this) and returns without waiting for them: a shipment may take a call's whole timeout to answer.
    /// </summary>
    public Task RetryAlerts()
    {
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

    /// <summary>Sends the queued fixes until none are left; never throws (each send handles its own failures).</summary>
    private async Task SendQueued()
    {
        while (_queued.Count > 0)
        {
            var queued = _queued.ToArray();
            _queued.Clear();
            await Task.WhenAll(queued.SelectMany(q => q.Shipments).Distinct(StringComparer.Ordinal).Select(shipment => SendTo(shipment, queued)));
        }

        _sending = false;
    }

    private async Task SendTo(string shipment, QueuedFix[] queued)
    {
        var mine = queued.Where(q => q.Shipments.Contains(shipment, StringComparer.Ordinal)).ToList();
        try
        {
            await StringKeyGrain<IShipmentGrain>.Get(grains, shipment).OnVehicleFixes([.. mine.Select(q => q.Fix)]);
        }
        catch (Exception ex)
        {
            LogFixNotTaken(logger, ex, vehicleId, shipment, mine.Count);
        }

        if (mine.SelectMany(q => q.Alerts ?? []).DistinctBy(a => (a.Source, a.Id)).ToList() is { Count: > 0 } alerts)
        {
            await Attach(new UnattachedAlerts(vehicleId, shipment, alerts));
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
            LogAlertsNotAttached(logger, ex, vehicleId, pending.Alerts.Count, pending.TrackingNumber, pending.FailedAttempts, pending.Wait);
            if (_unattached.Count >= UnattachedLimit)
            {
                GiveUp(_unattached[0], ex);
                _unattached.RemoveAt(0);
            }

            _unattached.Add(pending);
            AlertsWaiting?.Invoke();
            return;
        }

        if (pending.FailedAttempts > 0)
        {
            LogAlertsAttached(logger, vehicleId, pending.Alerts.Count, pending.TrackingNumber, pending.FailedAttempts + 1);
        }
    }

    /// <summary>Gives up every alert still waiting (the activation ends), loudly.</summary>
    public void GiveUpWaiting(string reason)
    {
        foreach (var pending in _unattached)
        {
            GiveUp(pending, new InvalidOperationException(reason));
        }

        _unattached.Clear();
    }

    private void GiveUp(UnattachedAlerts pending, Exception exception)
    {
        TrackingTelemetry.AlertsGivenUp(pending.Alerts.Count);
        LogAlertsGivenUp(
            logger, exception, vehicleId, pending.Alerts.Count, pending.TrackingNumber, pending.FailedAttempts,
            string.Join(", ", pending.Alerts.Select(a => $"{a.Type} {a.Id}")));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {VehicleId}: shipment {TrackingNumber} did not take {Count} fix(es); the next ones follow")]
    private static partial void LogFixNotTaken(ILogger logger, Exception exception, string vehicleId, string trackingNumber, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {VehicleId}: {Count} alert(s) not attached to shipment {TrackingNumber} (attempt {Attempt}); trying again in {Wait}")]
    private static partial void LogAlertsNotAttached(ILogger logger, Exception exception, string vehicleId, int count, string trackingNumber, int attempt, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vehicle {VehicleId}: {Count} alert(s) attached to shipment {TrackingNumber} at attempt {Attempt}")]
    private static partial void LogAlertsAttached(ILogger logger, string vehicleId, int count, string trackingNumber, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Vehicle {VehicleId}: gave up attaching {Count} alert(s) to shipment {TrackingNumber} after {Attempts} attempts: {Alerts}")]
    private static partial void LogAlertsGivenUp(ILogger logger, Exception exception, string vehicleId, int count, string trackingNumber, int attempts, string alerts);
}
