using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Vehicles;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// One vehicle. Asks <see cref="PingPlausibility"/> whether a ping is a fix worth keeping, and
/// passes each kept fix to the shipments on board. Never writes storage per ping.
/// </summary>
internal sealed class VehicleGrain(
    [PersistentState("vehicle", StorageNames.State)] IPersistentState<VehicleState> state,
    IOptions<TrackingOptions> options) : Grain, IVehicleGrain
{
    /// <summary>How many ping ids a vehicle remembers; older copies are caught as stale.</summary>
    internal const int RecentPingLimit = 64;

    private readonly PingPlausibility _plausibility =
        new(options.Value.MaxPlausibleSpeedKmh, options.Value.MaxAccuracyM);

    private RecentEventIds? _recent;

    private VehicleState State => state.State;

    private string VehicleId => this.GetPrimaryKeyString();

    public Task<PingOutcome> ApplyPing(PingReceived ping)
    {
        _recent ??= new RecentEventIds(RecentPingLimit, State.RecentPingKeys);
        var key = RecentEventIds.KeyOf(ping.Source, ping.Id);
        var candidate = new Fix(ping.Position, ping.Time);
        Fix? latest = State.Location is { } l ? new Fix(l.Position, l.At) : null;
        var verdict = _recent.Contains(key) ? PingVerdict.Duplicate : _plausibility.Judge(latest, candidate, ping.AccuracyM);
        _recent.Remember(key);
        if (verdict != PingVerdict.Accepted)
        {
            var reason = verdict.ToString().ToLowerInvariant();
            State.IgnoredPings[reason] = State.IgnoredPings.GetValueOrDefault(reason) + 1;
            return Task.FromResult(PingOutcome.Ignored);
        }

        State.Location = new PositionAt(ping.Position, ping.Time);
        State.SpeedKmh = ping.SpeedKmh;
        State.HeadingDeg = ping.HeadingDeg;
        if (State.Shipments.Count > 0)
        {
            var fix = new VehicleFix(VehicleId, ping.Position, ping.Time, ping.SpeedKmh, ping.HeadingDeg, key);
            foreach (var trackingNumber in State.Shipments)
            {
                _ = GrainFactory.GetGrain<IShipmentGrain>(trackingNumber).OnVehicleFix(fix);
            }
        }

        return Task.FromResult(new PingOutcome(Summary(), []));
    }

    public async Task Carry(string trackingNumber)
    {
        if (!State.Shipments.Contains(trackingNumber))
        {
            State.Shipments.Add(trackingNumber);
            await Save();
        }
    }

    public async Task Release(string trackingNumber)
    {
        if (State.Shipments.Remove(trackingNumber))
        {
            await Save();
        }
    }

    public Task<VehicleView?> GetView() => Task.FromResult(
        State.Location is null && State.Shipments.Count == 0
            ? null
            : new VehicleView(
                VehicleId, State.Location, State.SpeedKmh, State.HeadingDeg, Moving(), StoppedSince: null,
                InsideGeofences: [], [.. State.Shipments], new Dictionary<string, long>(State.IgnoredPings)));

    private VehicleSummary Summary() =>
        new(VehicleId, State.Location!, State.SpeedKmh, State.HeadingDeg, Moving());

    private bool Moving() => State.SpeedKmh is > 0;

    private Task Save()
    {
        State.RecentPingKeys = _recent is null ? State.RecentPingKeys : [.. _recent.Keys];
        return state.WriteStateAsync();
    }
}
