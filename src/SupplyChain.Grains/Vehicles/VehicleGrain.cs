using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Shipments;
using SupplyChain.Domain.Vehicles;
using SupplyChain.Grains.Events;
using SupplyChain.Grains.Geofences;
using SupplyChain.Grains.Telemetry;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// One vehicle. Its partition's grain hands it each stream message's pings of it in one call; it
/// asks its <see cref="Vehicle"/> what they change, publishes the events raised (<see cref="OutboundPublisher"/>), sends the fixes
/// to the shipments on board (<see cref="FixesToShipments"/>) and writes its state on meaningful
/// changes and once per <see cref="VehicleCheckpointOptions.VehicleCheckpointInterval"/>, never per
/// ping. Stored as the vehicle grain always was (grain type <c>vehicle</c>, state <c>vehicle</c>), so
/// what the release that held vehicles in partitions wrote is read back as it is. A call that fails
/// lets the activation go without writing, so a redelivered ping reads storage again and is applied
/// for real, not dropped as a duplicate of what storage never got. A vehicle without a call for
/// <see cref="VehicleCheckpointOptions.VehicleIdleTimeout"/> is let go by Orleans' activation collector
/// and written then, if it changed (<see cref="OnDeactivateAsync"/>); it keeps no timer of its own.
/// </summary>
internal sealed partial class VehicleGrain(
    [PersistentState(VehicleGrain.StateName, StorageNames.State)] IPersistentState<VehicleState> stored,
    GeofenceCatalog geofences,
    IOptions<TrackingOptions> options,
    IOptions<VehicleCheckpointOptions> checkpoint,
    WebhookOutbox webhooks,
    IOptions<StreamOptions> streams,
    TimeProvider time,
    ILogger<VehicleGrain> logger) : Grain, IVehicleGrain, IGrainMigrationParticipant
{
    /// <summary>The state name a vehicle is stored under, since vehicles were first grains.</summary>
    internal const string StateName = "vehicle";

    private readonly TrackingOptions _options = options.Value;
    private readonly PingPlausibility _plausibility = new(options.Value.MaxPlausibleSpeedKmh, options.Value.MaxAccuracyM);
    private Vehicle _vehicle = null!;
    private FixesToShipments _fixes = null!;
    private OutboundPublisher _publisher = null!;
    private IGrainTimer? _alertRetry;
    private const string UnwrittenKey = "sc.unwritten";

    private long _savedAt;
    private bool _failed;
    private bool _movedUnwritten;

    private string VehicleId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _vehicle = new Vehicle(VehicleId, stored.State, checkpoint.Value.HeldFixes);
        if (_movedUnwritten)
        {
            _vehicle.KeepUnwritten();
        }
        _fixes = new FixesToShipments(VehicleId, GrainFactory, time, logger);
        _fixes.AlertsWaiting += RetryAlertsLater;
        _publisher = new OutboundPublisher(webhooks, GrainFactory.GetPartitionOf(VehicleId, streams.Value.Partitions), logger);
        _savedAt = time.GetTimestamp();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes the soft state of a vehicle Orleans' collector let go (the backstop past the idle timer),
    /// and of no other: a silo shutting down would otherwise write every active vehicle at once (100,000
    /// blobs, minutes of Azure Blob writes within the pod's grace period), for soft state that the next
    /// pings give again and that a crash would lose anyway.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _fixes.GiveUpWaiting($"the vehicle's activation ended: {reason}");
        if (!_failed && _vehicle.Unwritten && reason.ReasonCode == DeactivationReasonCode.ActivationIdle)
        {
            try
            {
                await Write();
            }
            catch (Exception ex)
            {
                // The next pings give the position again; what was meaningful was written when it happened.
                LogNotWrittenOnDeactivation(logger, ex, VehicleId);
            }
        }
    }

    /// <summary>
    /// Moved by the activation rebalancer: the stored state travels with the activation (Orleans
    /// dehydrates it after this), so the ring of recent ping keys, which the state holds only for a
    /// write, goes into it first and the new activation still knows the copies it has seen. The
    /// rebalancer may pick an activation whose activation was cancelled (a slow storage read under
    /// load): it never read its state, so it has nothing of its own to carry.
    /// </summary>
    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_vehicle is null)
        {
            return;
        }

        _vehicle.PrepareWrite();
        if (_vehicle.Unwritten)
        {
            dehydrationContext.TryAddValue(UnwrittenKey, true);
        }
    }

    /// <summary>
    /// The state came back through the storage bridge and OnActivateAsync builds the vehicle from it; what
    /// the old activation had not written yet stays due for a write here, or a crash before the vehicle's
    /// next change would lose it.
    /// </summary>
    public void OnRehydrate(IRehydrationContext rehydrationContext) =>
        _movedUnwritten = rehydrationContext.TryGetValue<bool>(UnwrittenKey, out var unwritten) && unwritten;

    public async Task<PingsApplied> ApplyPings(Immutable<PingReceived[]> pings)
    {
        RefuseIfFailed();
        try
        {
            return await Apply(pings.Value);
        }
        catch (Exception ex)
        {
            Fail(ex);
            throw;
        }
    }

    public async Task Carry(string shipment, CarriedSpell spell)
    {
        RefuseIfFailed();
        if (!_vehicle.Carry(shipment, spell))
        {
            return;
        }

        await WriteOrFail();
        string[] only = [shipment];
        foreach (var (fix, alerts) in _vehicle.FixesIn(spell))
        {
            _fixes.Send(fix, alerts, only);
        }
    }

    public async Task Release(string shipment)
    {
        RefuseIfFailed();
        if (_vehicle.Release(shipment))
        {
            await WriteOrFail();
        }
    }

    public Task<VehicleView?> GetView() => Task.FromResult(_vehicle.View());

    public async Task<IReadOnlyList<Owner>> ClaimOwner(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        RefuseIfFailed();
        if (stored.State.Owner is null
            && await OwnershipRecord.Claim(account) is [var owner, ..])
        {
            // The ownership grain decides the first claim: it holds the owners stored before vehicles kept
            // theirs, and silos of that release claim there during a rolling upgrade. The vehicle's copy
            // goes with its next write (its first ping's is due at once): until then a stored vehicle
            // without an owner asks that grain again, which still knows it. A write of its own per new
            // vehicle added a storage operation to every claim, and under a fleet's first minute its
            // failures refused claims (SpreadTests).
            stored.State.Owner = owner.Account;
            _vehicle.KeepUnwritten();
        }

        return Owners();
    }

    public async Task<IReadOnlyList<Owner>> GetOwners() =>
        stored.State.Owner is null ? await OwnershipRecord.GetOwners() : Owners();

    public async Task<OwnershipTransfer> TransferOwner(string? from, string to)
    {
        RefuseIfFailed();
        var transfer = await OwnershipRecord.Transfer(from, to);
        if (transfer.Outcome == TransferOutcome.Transferred && stored.State.Owner != to)
        {
            // Written at once: a stored copy naming the previous owner would be trusted after a restart.
            stored.State.Owner = to;
            await WriteOrFail();
        }

        return transfer;
    }

    /// <summary>The ownership grain of this vehicle: the record of its first claim and its transfers.</summary>
    private IOwnershipGrain OwnershipRecord => GrainFactory.GetGrain<IOwnershipGrain>(OwnedThing.Vehicle(VehicleId).Key);

    private IReadOnlyList<Owner> Owners() => stored.State.Owner is { } owner ? [new Owner(owner, null, VehicleId)] : [];


    private async Task<PingsApplied> Apply(PingReceived[] pings)
    {
        List<OutboundEvent>? raised = null;
        List<(VehicleFix Fix, IReadOnlyList<OutboundEvent>? Alerts)>? fixes = null;
        var meaningful = false;
        var anyAccepted = false;
        foreach (var ping in pings)
        {
            using var activity = TrackingTelemetry.StartHandling(EventTypes.GpsPing, ping.TraceParent, ping.TraceState);
            var applied = _vehicle.Apply(ping, geofences.Index, _options, _plausibility);
            if (!applied.Accepted)
            {
                continue;
            }

            anyAccepted = true;
            meaningful |= applied.Meaningful;
            if (applied.Raised.Count > 0)
            {
                (raised ??= []).AddRange(applied.Raised);
            }

            if (applied.Fix is { } fix)
            {
                (fixes ??= []).Add((fix, applied.ForShipments));
            }
        }

        var now = time.GetTimestamp();
        if (raised is not null)
        {
            // Webhooks get the events before the state that raised them is written (see WebhookOutbox).
            await _publisher.PublishToWebhooks(raised);
        }

        foreach (var (fix, alerts) in fixes ?? [])
        {
            // A shipment takes the fixes from its load scan's event time on, whenever the scan arrived.
            if (_vehicle.ShipmentsAt(fix.At) is { Length: > 0 } shipments)
            {
                _fixes.Send(fix, alerts, shipments);
            }
        }

        if (meaningful || time.GetElapsedTime(_savedAt, now) >= checkpoint.Value.VehicleCheckpointInterval)
        {
            await Write();
        }

        // The fleet list's line rides on every answer to pings taken; the partition paces the list (FleetListPacing).
        var summary = anyAccepted ? _vehicle.Summary() : null;
        return raised is null && summary is null ? PingsApplied.Nothing : new PingsApplied(raised ?? [], summary);
    }

    private async Task WriteOrFail()
    {
        try
        {
            await Write();
        }
        catch (Exception ex)
        {
            Fail(ex);
            throw;
        }
    }

    private async Task Write()
    {
        _vehicle.PrepareWrite();
        try
        {
            await stored.WriteStateAsync();
        }
        finally
        {
            _vehicle.Written();
            _savedAt = time.GetTimestamp();
        }
    }

    /// <summary>
    /// Calls that queued behind the one that failed reach this activation before it goes: applied here,
    /// their changes would go with it unwritten while their callers were told they were taken (seen in
    /// SpreadTests under a burst of failing writes: vehicles whose ping was taken had no activation
    /// and no stored position). Refused, they are made again (a stream redelivery, a client's retry) on
    /// a fresh activation.
    /// </summary>
    private void RefuseIfFailed()
    {
        if (_failed)
        {
            throw new InvalidOperationException($"Vehicle {VehicleId}: this activation is being let go after a failure; the call is refused so that it is made again on a fresh one.");
        }
    }

    /// <summary>Lets the activation go without writing: its state may be ahead of storage (see the class summary).</summary>
    private void Fail(Exception exception)
    {
        _failed = true;
        LogFailed(logger, exception, VehicleId);
        this.DeactivateOnIdle();
    }

    /// <summary>Keeps the activation while alerts wait for another attempt: they live in its memory only.</summary>
    private void RetryAlertsLater() =>
        _alertRetry ??= this.RegisterGrainTimer(
            RetryAlerts, new GrainTimerCreationOptions(FixesToShipments.AlertRetryCheckPeriod, FixesToShipments.AlertRetryCheckPeriod) { KeepAlive = true });

    private async Task RetryAlerts()
    {
        await _fixes.RetryAlerts();
        if (!_fixes.HasUnattached)
        {
            _alertRetry?.Dispose();
            _alertRetry = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {VehicleId}: an operation failed; its activation is let go and its state will be read from storage again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string vehicleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {VehicleId}: its state was not written as it was let go; the next pings give its position again")]
    private static partial void LogNotWrittenOnDeactivation(ILogger logger, Exception exception, string vehicleId);
}
