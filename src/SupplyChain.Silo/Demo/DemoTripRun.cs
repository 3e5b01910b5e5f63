using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Silo.Demo;

/// <summary>
/// One replay of a <see cref="DemoTrip"/>: the trip dated so that it ends at its slot's start (always
/// in the past, however fast it is replayed), <c>TripTimePerTick</c> of it per tick. Every id comes from the trip,
/// the slot and the moment, so a silo restarted within the slot replays the same events and the
/// platform drops them as duplicates; the next slot's replay is a new shipment, later in event time
/// than anything the truck sent before.
/// </summary>
internal sealed class DemoTripRun(DemoTrip trip, DateTimeOffset slot, TimeSpan timePerTick)
{
    private TimeSpan _replayed = -timePerTick;

    public DemoTrip Trip { get; } = trip;

    public DateTimeOffset Slot { get; } = slot;

    public DateTimeOffset Start { get; } = slot - trip.Duration;

    public string TrackingNumber { get; } = trip.TrackingNumber(slot);

    public bool Finished => _replayed >= Trip.Duration;

    /// <summary>The trip's next stretch: the scans since the last tick, then a ping where the truck is at its end.</summary>
    public void Next(List<InboundEvent> events)
    {
        if (Finished)
        {
            return;
        }

        var from = _replayed;
        _replayed = _replayed + timePerTick >= Trip.Duration ? Trip.Duration : _replayed + timePerTick;
        for (var i = 0; i < Trip.Scans.Count; i++)
        {
            var scan = Trip.Scans[i];
            if (scan.At > from && scan.At <= _replayed)
            {
                events.Add(new ScanReceived(DemoFleet.ScannerSource, $"demo-{TrackingNumber}-{i}", Start + scan.At, TrackingNumber,
                    scan.Type, scan.Location, scan.FacilityId, scan.VehicleId, scan.Note)
                {
                    Reason = scan.Reason,
                    Proof = scan.Proof,
                });
            }
        }

        var at = Start + _replayed;
        var (position, speedKmh, headingDeg) = Trip.At(_replayed);
        events.Add(new PingReceived(DemoFleet.DeviceSource, $"demo-{Trip.VehicleId}-{at.ToUnixTimeSeconds()}", at, Trip.VehicleId,
            position, speedKmh, headingDeg, 8));
    }
}
