using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Shipments;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Tests.Shipments;

public sealed class ErasureScopeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scope_RunsFromTheEarliestScanOrEvent_ToNow_WithEveryVehicleThatCarriedIt()
    {
        var view = View(
            [Scan(ScanType.PickedUp, 10), Scan(ScanType.LoadedOnVehicle, 20, "V1"), Scan(ScanType.LoadedOnVehicle, 90, "V2")], vehicle: "V2");
        OutboundEvent[] events = [Event(5), Event(95)];

        var scope = ErasureScope.Of("1Z999~acme", view, events, T0.AddHours(5));

        Assert.Equal(T0.AddMinutes(5), scope.From);
        Assert.Equal(T0.AddHours(5), scope.To);
        Assert.Equal(("1Z999", "1Z999~acme"), (scope.Shipment.TrackingNumber, scope.Shipment.Key));
        Assert.Equal(["V1", "V2"], scope.Shipment.Vehicles.Order());
    }

    [Fact]
    public void Scope_OfAPlanOnly_HasNoSpan_AndAnEventAheadOfTheClockStretchesIt()
    {
        Assert.Null(ErasureScope.Of("1Z999", View([], vehicle: null), [], T0).From);
        Assert.Equal(T0.AddMinutes(3), ErasureScope.Of("1Z999", View([Scan(ScanType.PickedUp, 3)], vehicle: null), [], T0).To);
    }

    private static ShipmentView View(IReadOnlyList<Milestone> milestones, string? vehicle) =>
        new("1Z999", ShipmentStatus.InTransit, null, null, vehicle, null, null, milestones, [], null);

    private static Milestone Scan(ScanType type, int minutes, string? vehicle = null) => new(type, T0.AddMinutes(minutes), null, null, vehicle, null);

    private static OutboundEvent Event(int minutes) =>
        new($"e-{minutes}", EventTypes.ShipmentStatusChanged, EventTypes.ShipmentSource("1Z999"), "1Z999", T0.AddMinutes(minutes), "{}");
}
