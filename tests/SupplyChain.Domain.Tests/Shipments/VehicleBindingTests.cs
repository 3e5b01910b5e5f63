using SupplyChain.Domain.Shipments;

namespace SupplyChain.Domain.Tests.Shipments;

public sealed class VehicleBindingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CarrierVehicle_AfterLoad_IsTheLoadedVehicle() =>
        Assert.Equal("TRUCK-17", VehicleBinding.CarrierVehicle([(ScanType.PickedUp, T0, null), (ScanType.LoadedOnVehicle, T0.AddHours(1), "TRUCK-17")]));

    [Theory]
    [InlineData(ScanType.UnloadedFromVehicle)]
    [InlineData(ScanType.Delivered)]
    [InlineData(ScanType.ReturnedToSender)]
    public void CarrierVehicle_AfterLoadThenEnd_IsNone(ScanType end) =>
        Assert.Null(VehicleBinding.CarrierVehicle([(ScanType.LoadedOnVehicle, T0, "TRUCK-17"), (end, T0.AddHours(1), null)]));

    [Fact]
    public void CarrierVehicle_LateLoadScanArrivingAfterUnload_IsNone() =>
        Assert.Null(VehicleBinding.CarrierVehicle([(ScanType.UnloadedFromVehicle, T0.AddHours(2), null), (ScanType.LoadedOnVehicle, T0, "TRUCK-17")]));

    [Fact]
    public void CarrierVehicle_ReloadedOnAnotherVehicle_IsTheLatest() =>
        Assert.Equal("VAN-3", VehicleBinding.CarrierVehicle(
        [
            (ScanType.LoadedOnVehicle, T0, "TRUCK-17"), (ScanType.UnloadedFromVehicle, T0.AddHours(2), null),
            (ScanType.LoadedOnVehicle, T0.AddHours(5), "VAN-3"),
        ]));

    [Fact]
    public void CarrierVehicle_NoLoadScan_IsNone() =>
        Assert.Null(VehicleBinding.CarrierVehicle([(ScanType.PickedUp, T0, "TRUCK-17")]));
}
