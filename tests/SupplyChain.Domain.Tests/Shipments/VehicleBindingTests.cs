using SupplyChain.Domain.Shipments;

namespace SupplyChain.Domain.Tests.Shipments;

public sealed class VehicleBindingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CarrierVehicle_AfterLoad_IsTheLoadedVehicle() =>
        Assert.Equal("TRUCK-17", CarrierVehicle([(ScanType.PickedUp, T0, null), (ScanType.LoadedOnVehicle, T0.AddHours(1), "TRUCK-17")]));

    [Theory]
    [InlineData(ScanType.UnloadedFromVehicle)]
    [InlineData(ScanType.Delivered)]
    [InlineData(ScanType.ReturnedToSender)]
    public void CarrierVehicle_AfterLoadThenEnd_IsNone(ScanType end) =>
        Assert.Null(CarrierVehicle([(ScanType.LoadedOnVehicle, T0, "TRUCK-17"), (end, T0.AddHours(1), null)]));

    [Fact]
    public void CarrierVehicle_LateLoadScanArrivingAfterUnload_IsNone() =>
        Assert.Null(CarrierVehicle([(ScanType.UnloadedFromVehicle, T0.AddHours(2), null), (ScanType.LoadedOnVehicle, T0, "TRUCK-17")]));

    [Fact]
    public void CarrierVehicle_ReloadedOnAnotherVehicle_IsTheLatest() =>
        Assert.Equal("VAN-3", CarrierVehicle(
        [
            (ScanType.LoadedOnVehicle, T0, "TRUCK-17"), (ScanType.UnloadedFromVehicle, T0.AddHours(2), null),
            (ScanType.LoadedOnVehicle, T0.AddHours(5), "VAN-3"),
        ]));

    [Fact]
    public void CarrierVehicle_NoLoadScan_IsNone() =>
        Assert.Null(CarrierVehicle([(ScanType.PickedUp, T0, "TRUCK-17")]));

    [Fact]
    public void Carrier_Since_IsTheBindingLoadScansEventTime() =>
        Assert.Equal(("VAN-3", T0.AddHours(2)), VehicleBinding.Carrier(
            [(ScanType.LoadedOnVehicle, T0, "TRUCK-17"), (ScanType.UnloadedFromVehicle, T0.AddHours(1), null), (ScanType.LoadedOnVehicle, T0.AddHours(2), "VAN-3")]));

    [Fact]
    public void Spells_LoadUnloadReloadDeliver_OneSpellEach_InEventTime_WhateverTheOrderGiven()
    {
        (ScanType, DateTimeOffset, string?)[] scans =
        [
            (ScanType.Delivered, T0.AddHours(6), null), (ScanType.LoadedOnVehicle, T0.AddHours(5), "VAN-3"),
            (ScanType.PickedUp, T0.AddHours(-1), null), (ScanType.UnloadedFromVehicle, T0.AddHours(2), null),
            (ScanType.LoadedOnVehicle, T0, "TRUCK-17"),
        ];

        Assert.Equal(
            [new CarriedSpell("TRUCK-17", T0, T0.AddHours(2)), new CarriedSpell("VAN-3", T0.AddHours(5), T0.AddHours(6))],
            VehicleBinding.Spells(scans));
        Assert.Equal(VehicleBinding.Spells(scans), VehicleBinding.Spells(scans.Reverse()));
    }

    [Fact]
    public void Spells_LoadOntoAnotherVehicle_EndsTheFirstSpell_TheLastStaysOpen() =>
        Assert.Equal(
            [new CarriedSpell("TRUCK-17", T0, T0.AddHours(1)), new CarriedSpell("VAN-3", T0.AddHours(1), null)],
            VehicleBinding.Spells([(ScanType.LoadedOnVehicle, T0, "TRUCK-17"), (ScanType.LoadedOnVehicle, T0.AddHours(1), "VAN-3")]));

    [Fact]
    public void Covers_FromTheLoadOn_UpToTheEndNotIncluded()
    {
        var spell = new CarriedSpell("TRUCK-17", T0, T0.AddHours(1));

        Assert.False(spell.Covers(T0.AddTicks(-1)));
        Assert.True(spell.Covers(T0));
        Assert.True(spell.Covers(T0.AddHours(1).AddTicks(-1)));
        Assert.False(spell.Covers(T0.AddHours(1)));
        Assert.True((spell with { Until = null }).Covers(T0.AddYears(1)));
    }

    private static string? CarrierVehicle(IEnumerable<(ScanType ScanType, DateTimeOffset At, string? VehicleId)> scans) => VehicleBinding.Carrier(scans)?.VehicleId;
}
