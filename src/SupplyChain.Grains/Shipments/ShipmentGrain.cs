using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Utilities;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Events;

namespace SupplyChain.Grains.Shipments;

/// <summary>
/// One shipment. Holds its state and asks <see cref="ShipmentLifecycle"/> and
/// <see cref="VehicleBinding"/> for every decision. Writes storage on each scan and plan (a scan
/// is what a carrier paid to tell us) and never on a vehicle fix (soft state, replaced by the next).
/// </summary>
internal sealed partial class ShipmentGrain(
    [PersistentState("shipment", StorageNames.State)] IPersistentState<ShipmentState> state,
    ILogger<ShipmentGrain> logger) : Grain, IShipmentGrain
{
    /// <summary>How many outbound events a shipment keeps for its history and alerts.</summary>
    internal const int HistoryLimit = 200;

    /// <summary>How many scan ids a shipment remembers to drop redelivered copies.</summary>
    internal const int RecentScanLimit = 256;

    private readonly ObserverManager<ILiveFeedObserver> _watchers = new(LiveFeed.Expiry, logger);

    private ShipmentState State => state.State;

    private string TrackingNumber => this.GetPrimaryKeyString();

    public async Task<IReadOnlyList<OutboundEvent>> ApplyScan(ScanReceived scan)
    {
        var recent = new RecentEventIds(RecentScanLimit, State.RecentScanKeys);
        if (!recent.Remember(RecentEventIds.KeyOf(scan.Source, scan.Id)))
        {
            LogDuplicateScan(logger, TrackingNumber, scan.Source, scan.Id);
            return [];
        }

        State.Exists = true;
        State.RecentScanKeys = [.. recent.Keys];
        InsertMilestone(new Milestone(scan.ScanType, scan.Time, scan.Location, scan.FacilityId, scan.VehicleId, scan.Note));
        if (scan.Location is { } location && (State.Location is null || scan.Time >= State.Location.At))
        {
            State.Location = new PositionAt(location, scan.Time);
        }

        var raised = new List<OutboundEvent>();
        var decision = ShipmentLifecycle.Decide(State.Status, State.StatusSince, scan.ScanType, scan.Time);
        if (decision.Applies)
        {
            State.Status = decision.Status;
            State.StatusDetail = scan.ScanType;
            State.StatusSince = scan.Time;
            RaiseStatusEvents(scan, decision, raised);
        }
        else
        {
            LogScanKeptStatus(logger, TrackingNumber, scan.ScanType, State.Status, decision.Refusal);
        }

        await RebindVehicle();
        await state.WriteStateAsync();
        await Publish(raised);
        await Notify(raised);
        return raised;
    }

    public async Task<bool> SetPlan(ShipmentPlan plan)
    {
        var created = !State.Exists;
        State.Exists = true;
        State.Plan = plan;
        await state.WriteStateAsync();
        return created;
    }

    public Task<ShipmentView?> GetView()
    {
        if (!State.Exists)
        {
            return Task.FromResult<ShipmentView?>(null);
        }

        var alerts = State.History.AsEnumerable().Reverse().ToArray();
        return Task.FromResult<ShipmentView?>(new ShipmentView(
            TrackingNumber, State.Status, State.StatusDetail, State.Location, State.VehicleId,
            Eta: null, OriginalEta: null, [.. State.Milestones], alerts, State.Plan));
    }

    public Task<IReadOnlyList<OutboundEvent>?> GetEvents() =>
        Task.FromResult<IReadOnlyList<OutboundEvent>?>(State.Exists ? [.. State.History] : null);

    public Task OnVehicleFix(VehicleFix fix)
    {
        if (fix.VehicleId != State.VehicleId || (State.Location is not null && fix.At <= State.Location.At))
        {
            return Task.CompletedTask;
        }

        State.Location = new PositionAt(fix.Position, fix.At);
        if (_watchers.Count > 0)
        {
            return Notify([OutboundEventFactory.Create(
                EventTypes.LocationUpdated, EventTypes.ShipmentSource(TrackingNumber), TrackingNumber, fix.Cause, fix.At,
                new LocationUpdatedData(TrackingNumber, fix.VehicleId, new LatLon(fix.Position.Lat, fix.Position.Lon), fix.At, fix.SpeedKmh, fix.HeadingDeg),
                OutboundJsonContext.Default.LocationUpdatedData)]);
        }

        return Task.CompletedTask;
    }

    public Task Watch(ILiveFeedObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(ILiveFeedObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private Task Notify(IReadOnlyList<OutboundEvent> events) =>
        events.Count > 0 && _watchers.Count > 0 ? _watchers.Notify(o => o.OnEvents(events)) : Task.CompletedTask;

    private void InsertMilestone(Milestone milestone)
    {
        var index = State.Milestones.FindLastIndex(m => m.At <= milestone.At) + 1;
        State.Milestones.Insert(index, milestone);
    }

    private void RaiseStatusEvents(ScanReceived scan, StatusDecision decision, List<OutboundEvent> raised)
    {
        var cause = RecentEventIds.KeyOf(scan.Source, scan.Id);
        var source = EventTypes.ShipmentSource(TrackingNumber);
        if (decision.Changes)
        {
            raised.Add(OutboundEventFactory.Create(
                EventTypes.ShipmentStatusChanged, source, TrackingNumber, cause, scan.Time,
                new ShipmentStatusChangedData(TrackingNumber, decision.Status, decision.Previous, scan.ScanType, scan.Time),
                OutboundJsonContext.Default.ShipmentStatusChangedData));
        }

        if (decision.Changes && decision.Status == ShipmentStatus.Delivered)
        {
            var where = scan.Location ?? State.Location?.Position;
            raised.Add(OutboundEventFactory.Create(
                EventTypes.Delivered, source, TrackingNumber, cause, scan.Time,
                new DeliveredData(TrackingNumber, scan.Time, where is { } p ? new LatLon(p.Lat, p.Lon) : null),
                OutboundJsonContext.Default.DeliveredData));
        }

        foreach (var e in raised)
        {
            State.History.Add(e);
        }

        if (State.History.Count > HistoryLimit)
        {
            State.History.RemoveRange(0, State.History.Count - HistoryLimit);
        }
    }

    private async Task RebindVehicle()
    {
        var vehicle = VehicleBinding.CarrierVehicle(State.Milestones.Select(m => (m.ScanType, m.At, m.VehicleId)));
        if (vehicle == State.VehicleId)
        {
            return;
        }

        if (State.VehicleId is { } previous)
        {
            await GrainFactory.GetGrain<IVehicleGrain>(previous).Release(TrackingNumber);
        }

        if (vehicle is not null)
        {
            await GrainFactory.GetGrain<IVehicleGrain>(vehicle).Carry(TrackingNumber);
        }

        State.VehicleId = vehicle;
    }

    private async Task Publish(List<OutboundEvent> raised)
    {
        if (raised.Count == 0)
        {
            return;
        }

        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<OutboundEvent>(StreamId.Create(StreamNames.Outbound, TrackingNumber));
        await stream.OnNextBatchAsync(raised);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shipment {TrackingNumber}: scan {Source} {Id} already applied")]
    private static partial void LogDuplicateScan(ILogger logger, string trackingNumber, string source, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment {TrackingNumber}: {ScanType} scan kept status {Status} ({Refusal})")]
    private static partial void LogScanKeptStatus(ILogger logger, string trackingNumber, ScanType scanType, ShipmentStatus status, StatusRefusal refusal);
}
