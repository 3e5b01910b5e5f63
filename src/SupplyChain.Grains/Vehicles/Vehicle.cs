using System.Collections.Immutable;
using System.Diagnostics;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Motion;
using SupplyChain.Domain.Shipments;
using SupplyChain.Domain.Vehicles;
using SupplyChain.Grains.Events;
using SupplyChain.Grains.Telemetry;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// The rules of one vehicle over the state its grain stores: for each ping it asks
/// <see cref="PingPlausibility"/> whether to keep it, <see cref="GeofenceMembership"/> which fences it
/// entered or left and <see cref="MotionDetector"/> whether it stopped, and says what that raised and
/// whether it is worth a storage write. It remembers the keys of its recent pings and holds its
/// latest accepted fixes (<see cref="FixHistory"/>). It makes no call and does no I/O; its grain hands
/// the events on and writes the state. Not thread safe: it belongs to one grain activation.
/// </summary>
internal sealed class Vehicle
{
    /// <summary>How many ping keys a vehicle remembers; older copies are caught as stale.</summary>
    internal const int RecentPingLimit = 64;

    /// <summary>
    /// How many shipments carried lately a vehicle keeps the ended spells of, so that their fixes
    /// arriving after the unload or delivery scan still reach them: a delivery van's last stops.
    /// </summary>
    internal const int EndedSpellLimit = 16;

    private readonly RecentEventIds _recent;
    private readonly FixHistory _history;

    /// <summary>Takes up <paramref name="state"/> as storage has it (empty for a vehicle never stored).</summary>
    /// <param name="id">The vehicle id.</param>
    /// <param name="state">The stored state; the vehicle changes it in place.</param>
    /// <param name="heldFixes">How many accepted fixes it holds for shipments bound later.</param>
    public Vehicle(string id, VehicleState state, int heldFixes)
    {
        Id = id;
        State = state;
        _recent = new RecentEventIds(RecentPingLimit, State.RecentPingKeys);
        // The ring holds the keys from here on; the state gets a copy only for each write (PrepareWrite).
        State.RecentPingKeys = [];
        _history = new FixHistory(heldFixes);
    }

    public string Id { get; }

    public VehicleState State { get; }

    /// <summary>Whether the state changed since it was last written or read.</summary>
    public bool Unwritten { get; private set; }

    /// <summary>Marks the state as changed since its last write: a moved activation brings changes the old one had not written.</summary>
    public void KeepUnwritten() => Unwritten = true;

    /// <summary>Copies the ring into the state for a write.</summary>
    public void PrepareWrite() => State.RecentPingKeys = [.. _recent.Keys];

    /// <summary>After a write (or a failed one): drops the ring's copy, which a large fleet would otherwise keep twice.</summary>
    public void Written()
    {
        State.RecentPingKeys = [];
        Unwritten = false;
    }

    /// <summary>
    /// Takes up <paramref name="shipment"/>'s spell on this vehicle, in place of its earlier one: an open
    /// spell puts it on board, an ended one keeps it among the shipments carried lately (at most
    /// <see cref="EndedSpellLimit"/>), whose fixes still arriving late go to it. True when it changed anything.
    /// </summary>
    public bool Carry(string shipment, CarriedSpell spell)
    {
        var onBoard = State.Shipments.Contains(shipment);
        if (spell.Until is null)
        {
            if (onBoard && State.ShipmentsSince?.GetValueOrDefault(shipment) == spell.Since)
            {
                return false;
            }

            ForgetEnded(shipment);
            if (!onBoard)
            {
                State.Shipments.Add(shipment);
            }

            (State.ShipmentsSince ??= new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal))[shipment] = spell.Since;
            Unwritten = true;
            return true;
        }

        var ended = new EndedSpell(shipment, spell.Since, spell.Until.Value);
        if (!onBoard && State.EndedSpells?.Contains(ended) == true)
        {
            return false;
        }

        LeaveBoard(shipment);
        ForgetEnded(shipment);
        var spells = State.EndedSpells ??= [];
        spells.Add(ended);
        if (spells.Count > EndedSpellLimit)
        {
            spells.Remove(spells.MinBy(e => e.Until)!);
        }

        Unwritten = true;
        return true;
    }

    /// <summary>Forgets every spell of <paramref name="shipment"/> on this vehicle; true when there was one.</summary>
    public bool Release(string shipment)
    {
        var released = LeaveBoard(shipment) | ForgetEnded(shipment);
        Unwritten |= released;
        return released;
    }

    /// <summary>The shipments whose spell on this vehicle a fix of event time <paramref name="at"/> falls in.</summary>
    public string[] ShipmentsAt(DateTimeOffset at)
    {
        var since = State.ShipmentsSince;
        var onBoard = State.Shipments.Where(s => since is null || !since.TryGetValue(s, out var from) || from <= at);
        return State.EndedSpells is not { Count: > 0 } ended
            ? [.. onBoard]
            : [.. onBoard.Concat(ended.Where(e => e.Since <= at && at < e.Until).Select(e => e.Shipment))];
    }

    /// <summary>The fixes held that fall in <paramref name="spell"/>, oldest first, as shipments take them, with their alerts.</summary>
    public IReadOnlyList<(VehicleFix Fix, IReadOnlyList<OutboundEvent>? Alerts)> FixesIn(CarriedSpell spell) =>
        [.. _history.In(spell).Select(h => (h.ToFix(Id), h.Alerts))];

    private bool LeaveBoard(string shipment)
    {
        if (!State.Shipments.Remove(shipment))
        {
            return false;
        }

        if (State.ShipmentsSince is { } since && since.Remove(shipment) && since.Count == 0)
        {
            State.ShipmentsSince = null;
        }

        return true;
    }

    private bool ForgetEnded(string shipment)
    {
        if (State.EndedSpells is not { } spells || spells.RemoveAll(e => e.Shipment == shipment) == 0)
        {
            return false;
        }

        if (spells.Count == 0)
        {
            State.EndedSpells = null;
        }

        return true;
    }

    /// <summary>Applies <paramref name="ping"/> against <paramref name="fences"/>.</summary>
    public PingApplied Apply(PingReceived ping, GeofenceIndex fences, TrackingOptions options, PingPlausibility plausibility)
    {
        Unwritten = true;
        var key = RecentEventIds.KeyOf(ping.Source, ping.Id);
        var fix = new Fix(ping.Position, ping.Time);
        var previous = State.LastLocated;
        var verdict = _recent.Contains(key) ? PingVerdict.Duplicate : plausibility.Judge(previous, fix, ping.AccuracyM);
        _recent.Remember(key);
        if (verdict != PingVerdict.Accepted)
        {
            var reason = verdict.ToString().ToLowerInvariant();
            State.IgnoredPings[reason] = State.IgnoredPings.GetValueOrDefault(reason) + 1;
            TrackingTelemetry.PingIgnored(reason);
            return PingApplied.Ignored;
        }

        var lookupStarted = Stopwatch.GetTimestamp();
        var membership = GeofenceMembership.Next(fences, State.InsideGeofences, previous, fix, options.GeofenceHysteresisM);
        TrackingTelemetry.GeofenceLookedUp(Stopwatch.GetElapsedTime(lookupStarted));
        var motionBefore = State.Motion;
        var motion = MotionDetector.Next(motionBefore, fix, membership.InsideDepot, options);
        var visits = FacilityVisits.Next(
            State.FacilityVisits is { } open ? [.. open] : ImmutableArray<FacilityVisit>.Empty, membership, fix, fences, options.FacilityDwell);
        // A vehicle's very first fix is not a stop ending: the checkpoint interval stores it, which keeps
        // a fleet's first minutes from costing one storage write per vehicle.
        var stopBeganOrEnded = motionBefore.LastFix is not null && motion.State.Moving != motionBefore.Moving;
        var visitsChanged = visits.Movements.Count > 0 || visits.Visits.Length != (State.FacilityVisits?.Count ?? 0);
        var meaningful = membership.Transitions.Count > 0 || motion.NoMovement is not null || stopBeganOrEnded || visitsChanged;

        State.Location = new PositionAt(ping.Position, ping.Time);
        State.SpeedKmh = ping.SpeedKmh;
        State.HeadingDeg = ping.HeadingDeg;
        if (membership.Transitions.Count > 0 || membership.Inside.Count != State.InsideGeofences.Count)
        {
            State.InsideGeofences = [.. membership.Inside];
        }

        State.Motion = motion.State;
        if (visitsChanged)
        {
            State.FacilityVisits = visits.Visits.IsEmpty ? null : [.. visits.Visits];
        }

        // Most pings raise nothing and reach no shipment: the cause's text and the lists are made only when needed.
        var pingCause = EventCause.Of(ping.Source, ping.Id);
        string? cause = null;
        string Cause() => cause ??= pingCause.ToString();
        List<OutboundEvent>? raised = null;
        List<OutboundEvent>? forShipments = null;
        foreach (var transition in membership.Transitions)
        {
            (raised ??= []).Add(Crossed(transition, Cause()));
            if (transition.IsBreach)
            {
                (forShipments ??= []).Add(Breached(transition, Cause()));
            }
        }

        if (motion.NoMovement is { } stop)
        {
            (forShipments ??= []).Add(NoMovement(stop, Cause()));
        }

        foreach (var movement in visits.Movements)
        {
            (forShipments ??= []).Add(Moved(movement, Cause()));
        }

        if (forShipments is not null)
        {
            (raised ??= []).AddRange(forShipments);
        }

        _history.Add(new HeldFix(ping.Position, ping.Time, ping.SpeedKmh, ping.HeadingDeg, motion.State.Moving, pingCause, forShipments));
        var fixForShipments = State.Shipments.Count == 0 && State.EndedSpells is null
            ? null
            : new VehicleFix(Id, ping.Position, ping.Time, ping.SpeedKmh, ping.HeadingDeg, Cause(), motion.State.Moving)
            {
                TraceParent = Activity.Current?.Id ?? ping.TraceParent,
                TraceState = Activity.Current?.TraceStateString ?? ping.TraceState,
            };
        return new PingApplied(true, raised is null ? [] : raised, fixForShipments, forShipments, meaningful);
    }

    /// <summary>The vehicle as the API shows it, or null when it never reported and carries nothing.</summary>
    public VehicleView? View() =>
        State.Location is null && State.Shipments.Count == 0
            ? null
            : new VehicleView(
                Id, State.Location, State.SpeedKmh, State.HeadingDeg, State.Moving, State.Motion.StoppedSince,
                [.. State.InsideGeofences], TrackingNumbersOf([.. State.Shipments]), new Dictionary<string, long>(State.IgnoredPings));

    /// <summary>The vehicle as the fleet list shows it, or null before its first accepted fix.</summary>
    public VehicleSummary? Summary() =>
        State.Location is { } location ? new VehicleSummary(Id, location, State.SpeedKmh, State.HeadingDeg, State.Moving) : null;

    private OutboundEvent Crossed(GeofenceTransition t, string cause) => new VehicleEvents(Id).Crossed(t, cause);

    private OutboundEvent Breached(GeofenceTransition t, string cause)
    {
        var onBoard = ShipmentsAt(t.At);
        return OnBoard(new VehicleEvents(Id).Breached(t, cause, TrackingNumbersOf(onBoard)), onBoard);
    }

    private OutboundEvent NoMovement(NoMovementDetected stop, string cause)
    {
        var onBoard = ShipmentsAt(stop.At);
        return OnBoard(new VehicleEvents(Id).NoMovement(stop, cause, TrackingNumbersOf(onBoard)), onBoard);
    }

    private OutboundEvent Moved(FacilityMovement movement, string cause)
    {
        var onBoard = ShipmentsAt(movement.At);
        return OnBoard(new VehicleEvents(Id).Moved(movement, cause, TrackingNumbersOf(onBoard)), onBoard);
    }

    /// <summary>What readers call the shipments: the vehicle carries their keys.</summary>
    private static string[] TrackingNumbersOf(string[] keys) => [.. keys.Select(ShipmentKey.TrackingNumberOf)];

    /// <summary>
    /// An event that names the shipments on board when it happened (in event time, so a scan heard before or
    /// after the pings makes no difference), with their keys when a tracking number alone does not tell them apart.
    /// </summary>
    private static OutboundEvent OnBoard(OutboundEvent e, string[] onBoard) =>
        Array.Exists(onBoard, k => ShipmentKey.TrackingNumberOf(k) != k) ? e with { Shipments = onBoard } : e;
}
