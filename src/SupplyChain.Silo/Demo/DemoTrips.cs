using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Shipments;
using static SupplyChain.Domain.Shipments.ScanType;

namespace SupplyChain.Silo.Demo;

/// <summary>
/// The demo's scripted trips, between facilities away from the cities the plain fleet circles (so the
/// vans never enter these fences). Between them they raise every kind of event the platform has:
/// arrivals and departures, a detour, a restricted-zone breach, a stop, an exception, a promise at
/// risk and then late, and deliveries with proof.
/// </summary>
internal static class DemoTrips
{
    public static DemoPlace EindhovenDc { get; } = Depot("demo-eindhoven-dc", "Eindhoven DC", 51.4416, 5.4697);

    public static DemoPlace VenloHub { get; } = Depot("demo-venlo-hub", "Venlo hub", 51.3704, 6.1724);

    public static DemoPlace MoenchengladbachDc { get; } = Depot("demo-moenchengladbach-dc", "Mönchengladbach DC", 51.1805, 6.4428);

    public static DemoPlace TilburgDc { get; } = Depot("demo-tilburg-dc", "Tilburg DC", 51.5555, 5.0913);

    public static DemoPlace NijmegenDc { get; } = Depot("demo-nijmegen-dc", "Nijmegen DC", 51.8426, 5.8528);

    /// <summary>A town centre closed to trucks, on the Tilburg - Nijmegen trip's planned route.</summary>
    public static DemoPlace DenBoschCentre { get; } =
        new("demo-den-bosch-centre", "'s-Hertogenbosch centre, closed to trucks", new GeoPoint(51.6978, 5.3037), 1_200, GeofenceKind.Restricted);

    /// <summary>Every fence the trips use.</summary>
    public static IReadOnlyList<DemoPlace> Places { get; } = [EindhovenDc, VenloHub, MoenchengladbachDc, TilburgDc, NijmegenDc, DenBoschCentre];

    /// <summary>
    /// Eindhoven - Venlo - Mönchengladbach, promised in 50 minutes for about 90 of driving and stops:
    /// at risk from its first estimate, late on the way. A closed road sends it 4 km off its corridor,
    /// it stops at the Venlo hub as planned, then stands 14 minutes on the road with a flat tyre (an
    /// exception scan, then NoMovementDetected) before delivering with a signature and a photo.
    /// </summary>
    public static DemoTrip Delayed { get; } = DemoTrip.From("EHV-MGL", "DEMO-TRUCK-5", EindhovenDc)
        .Scan(LabelCreated)
        .Scan(PickedUp, "Collected at Eindhoven DC")
        .Scan(LoadedOnVehicle)
        .Stay(TimeSpan.FromMinutes(3))
        .Scan(DepartedFacility, "Left Eindhoven DC")
        .DriveTo(new GeoPoint(51.4167, 5.7156), 80)
        .DetourTo(new GeoPoint(51.4446, 5.7859), 50)
        .DriveTo(new GeoPoint(51.4024, 5.8562), 50)
        .DriveTo(VenloHub, 80)
        .Scan(ArrivedAtFacility, "Cross-dock at the Venlo hub")
        .PlannedStop(TimeSpan.FromMinutes(10))
        .Stay(TimeSpan.FromMinutes(6))
        .Scan(DepartedFacility, "Left the Venlo hub")
        .DriveTo(new GeoPoint(51.2944, 6.2806), 80)
        .Stay(TimeSpan.FromMinutes(2))
        .Scan(ScanType.Exception, "Flat tyre; waiting for roadside assistance", ExceptionReason.CarrierDelay)
        .Stay(TimeSpan.FromMinutes(12))
        .Scan(OutForDelivery, "Tyre changed, on the way again")
        .DriveTo(MoenchengladbachDc, 80)
        .Stay(TimeSpan.FromMinutes(2.5))
        .Scan(Delivered, "Left at goods-in", proof: Proof("M. Becker", "EHV-MGL"))
        .PromisedAfter(TimeSpan.FromMinutes(50));

    /// <summary>
    /// Tilburg - 's-Hertogenbosch - Nijmegen, on time: its planned route runs through a town centre
    /// closed to trucks (a restricted-zone breach), then out for delivery and delivered with proof.
    /// </summary>
    public static DemoTrip ThroughTown { get; } = DemoTrip.From("TLB-NMG", "DEMO-TRUCK-6", TilburgDc)
        .Scan(LabelCreated)
        .Scan(PickedUp, "Collected at Tilburg DC")
        .Scan(LoadedOnVehicle)
        .Stay(TimeSpan.FromMinutes(3))
        .Scan(DepartedFacility, "Left Tilburg DC")
        .DriveTo(DenBoschCentre.Location, 60)
        .DriveTo(new GeoPoint(51.7992, 5.6881), 85)
        .Scan(OutForDelivery)
        .DriveTo(NijmegenDc, 85)
        .Stay(TimeSpan.FromMinutes(2.5))
        .Scan(Delivered, "Handed to reception", proof: Proof("S. de Vries", "TLB-NMG"))
        .PromisedAfter(TimeSpan.FromHours(2));

    public static IReadOnlyList<DemoTrip> All { get; } = [Delayed, ThroughTown];

    private static DemoPlace Depot(string id, string name, double lat, double lon) =>
        new(id, name, new GeoPoint(lat, lon), 600, GeofenceKind.Depot);

    // References into a carrier's own store, as real proofs are; the demo's host names do not resolve.
    private static ProofOfDelivery Proof(string signedBy, string trip) => new(
        signedBy, $"https://pod.demo.invalid/{trip}/photo.jpg", $"https://pod.demo.invalid/{trip}/signature.png");
}
