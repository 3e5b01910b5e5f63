using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Shipments;
using SupplyChain.Silo.History;

namespace SupplyChain.Silo.Tests.History;

public sealed class ShipmentLegsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LoadThenUnload_IsOneLegOfThatVehicle()
    {
        var legs = ShipmentLegs.From([Scan(ScanType.PickedUp, 0), Scan(ScanType.LoadedOnVehicle, 10, "V1"), Scan(ScanType.UnloadedFromVehicle, 40)], T0.AddHours(5));
        Assert.Equal([new ShipmentLeg("V1", T0.AddMinutes(10), T0.AddMinutes(40))], legs);
    }

    [Fact]
    public void ALoadOntoAnotherVehicle_EndsTheFirstLeg_AndAnOpenLegRunsUntilNow()
    {
        var legs = ShipmentLegs.From([Scan(ScanType.LoadedOnVehicle, 10, "V1"), Scan(ScanType.LoadedOnVehicle, 30, "V2")], T0.AddHours(1));
        Assert.Equal([new ShipmentLeg("V1", T0.AddMinutes(10), T0.AddMinutes(30)), new ShipmentLeg("V2", T0.AddMinutes(30), T0.AddHours(1))], legs);
    }

    [Fact]
    public void ScansOutOfOrder_AreTakenInEventTimeOrder_AndDeliveryEndsTheLeg()
    {
        var legs = ShipmentLegs.From([Scan(ScanType.Delivered, 50), Scan(ScanType.LoadedOnVehicle, 10, "V1")], T0.AddHours(1));
        Assert.Equal([new ShipmentLeg("V1", T0.AddMinutes(10), T0.AddMinutes(50))], legs);
    }

    [Fact]
    public void NoLoadScan_HasNoLegs() =>
        Assert.Empty(ShipmentLegs.From([Scan(ScanType.PickedUp, 0), Scan(ScanType.Delivered, 50)], T0.AddHours(1)));

    private static Milestone Scan(ScanType type, int minutes, string? vehicle = null) => new(type, T0.AddMinutes(minutes), null, null, vehicle, null);
}
