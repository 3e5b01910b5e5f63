using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Routes;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Grains.Events;

/// <summary>
/// The outbound events of one shipment, each built from what caused it: the type, its payload and the
/// payload's JSON contract go together here, so a caller cannot pair a type with another's data.
/// Subject and source are the tracking number readers know. Immutable.
/// </summary>
internal readonly record struct ShipmentEvents(string TrackingNumber)
{
    private string Source => EventTypes.ShipmentSource(TrackingNumber);

    /// <summary>
    /// The events an accepted scan raises, in order: its milestone (every scan, even one the lifecycle
    /// refused, since the shipment keeps it among its milestones), then the status it moved the shipment
    /// to and the delivery, then a broken promise the scan's time showed (its id from the promise, not
    /// the scan). The others derive their ids from the scan, so a redelivered scan raises the same ones.
    /// </summary>
    public List<OutboundEvent> Scanned(string cause, ShipmentScan scan, ScanApplied applied)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(applied);
        List<OutboundEvent> raised = [Milestone(cause, scan, applied.Decision.Status)];
        if (applied.StatusChanged)
        {
            raised.Add(StatusChanged(cause, applied.Decision, scan.ScanType, scan.At));
        }

        if (applied.Delivered)
        {
            raised.Add(Delivered(cause, scan.At, applied.Where));
        }

        if (applied.PromiseBroken is { } broken)
        {
            raised.Add(DeliveryLate(broken));
        }

        return raised;
    }

    /// <summary>A scan the shipment keeps, and its status after it.</summary>
    public OutboundEvent Milestone(string cause, ShipmentScan scan, ShipmentStatus status) => OutboundEventFactory.Create(
        EventTypes.MilestoneReached, Source, TrackingNumber, cause, scan.At,
        new MilestoneReachedData(
            TrackingNumber, scan.ScanType, scan.At, scan.Location is { } p ? Point(p) : null, scan.FacilityId, scan.VehicleId, scan.Reason, status),
        OutboundJsonContext.Default.MilestoneReachedData);

    /// <summary>The status a scan moved the shipment to.</summary>
    public OutboundEvent StatusChanged(string cause, StatusDecision decision, ScanType detail, DateTimeOffset at) => OutboundEventFactory.Create(
        EventTypes.ShipmentStatusChanged, Source, TrackingNumber, cause, at,
        new ShipmentStatusChangedData(TrackingNumber, decision.Status, decision.Previous, detail, at),
        OutboundJsonContext.Default.ShipmentStatusChangedData);

    /// <summary>The delivery, where it happened when known.</summary>
    public OutboundEvent Delivered(string cause, DateTimeOffset at, GeoPoint? where) => OutboundEventFactory.Create(
        EventTypes.Delivered, Source, TrackingNumber, cause, at,
        new DeliveredData(TrackingNumber, at, where is { } p ? Point(p) : null),
        OutboundJsonContext.Default.DeliveredData);

    /// <summary>The carrying vehicle left the planned route's corridor.</summary>
    public OutboundEvent LeftCorridor(VehicleFix fix, CorridorBreach breach) => OutboundEventFactory.Create(
        EventTypes.GeofenceBreached, Source, TrackingNumber, fix.Cause, breach.At,
        new GeofenceBreachedData(fix.VehicleId, [TrackingNumber], "route", nameof(GeofenceBreachReason.LeftRouteCorridor), Point(breach.Location), breach.At),
        OutboundJsonContext.Default.GeofenceBreachedData);

    /// <summary>A new estimate of the arrival.</summary>
    public OutboundEvent EtaRecalculated(string cause, EtaRecalculated eta) => OutboundEventFactory.Create(
        EventTypes.EtaRecalculated, Source, TrackingNumber, cause, eta.At,
        new EtaRecalculatedData(TrackingNumber, eta.Eta, eta.PreviousEta, Math.Round(eta.RemainingKm, 3)),
        OutboundJsonContext.Default.EtaRecalculatedData);

    /// <summary>The arrival is near; <paramref name="facilityId"/> names the destination when it is a facility.</summary>
    public OutboundEvent ArrivingSoon(string cause, ArrivingSoon soon, string? facilityId) => OutboundEventFactory.Create(
        EventTypes.ArrivingSoon, Source, TrackingNumber, cause, soon.At,
        new ArrivingSoonData(TrackingNumber, soon.Eta, Math.Round(soon.RemainingKm, 3), facilityId),
        OutboundJsonContext.Default.ArrivingSoonData);

    /// <summary>Nothing was heard of the shipment since <paramref name="last"/> (its cause is that time, so it is raised once for it).</summary>
    public OutboundEvent Idle(DateTimeOffset last, DateTimeOffset now, GeoPoint? where) => OutboundEventFactory.Create(
        EventTypes.NoMovementDetected, Source, TrackingNumber, "idle\n" + last.ToString("O"), now,
        new NoMovementDetectedData(null, [TrackingNumber], where is { } p ? Point(p) : null, last, (long)(now - last).TotalSeconds),
        OutboundJsonContext.Default.NoMovementDetectedData);

    /// <summary>The estimate passed the promise; the fix's cause and the spell's number make the id, so each spell raises one.</summary>
    public OutboundEvent DeliveryAtRisk(string cause, PromiseAtRisk risk) => OutboundEventFactory.Create(
        EventTypes.DeliveryAtRisk, Source, TrackingNumber, SpellCause(cause, risk.Spell), risk.At,
        new DeliveryAtRiskData(TrackingNumber, risk.PromisedBy, risk.Eta, (long)Math.Ceiling(risk.LateBy.TotalMinutes), risk.At),
        OutboundJsonContext.Default.DeliveryAtRiskData);

    /// <summary>The estimate came back within the promise, ending a spell.</summary>
    public OutboundEvent DeliveryBackOnTrack(string cause, PromiseBackOnTrack back) => OutboundEventFactory.Create(
        EventTypes.DeliveryBackOnTrack, Source, TrackingNumber, SpellCause(cause, back.Spell), back.At,
        new DeliveryBackOnTrackData(TrackingNumber, back.PromisedBy, back.Eta, back.At),
        OutboundJsonContext.Default.DeliveryBackOnTrackData);

    /// <summary>
    /// The promised time passed undelivered. Dated at the promise, its cause is the promise itself, so a
    /// fix, a scan or the reminder noticing it (live or in a replay) raise the same id and time.
    /// </summary>
    public OutboundEvent DeliveryLate(PromiseBroken broken) => OutboundEventFactory.Create(
        EventTypes.DeliveryLate, Source, TrackingNumber, "promise\n" + broken.PromisedBy.ToString("O"), broken.PromisedBy,
        new DeliveryLateData(TrackingNumber, broken.PromisedBy, broken.PromisedBy),
        OutboundJsonContext.Default.DeliveryLateData);

    /// <summary>Where the shipment is now, for live watchers.</summary>
    public OutboundEvent LocationUpdated(VehicleFix fix) => OutboundEventFactory.Create(
        EventTypes.LocationUpdated, Source, TrackingNumber, fix.Cause, fix.At,
        new LocationUpdatedData(TrackingNumber, fix.VehicleId, Point(fix.Position), fix.At, fix.SpeedKmh, fix.HeadingDeg),
        OutboundJsonContext.Default.LocationUpdatedData);

    private static string SpellCause(string cause, int spell) => cause + "\nspell " + spell.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static LatLon Point(GeoPoint p) => new(p.Lat, p.Lon);
}
