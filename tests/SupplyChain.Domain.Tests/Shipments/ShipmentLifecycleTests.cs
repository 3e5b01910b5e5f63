using SupplyChain.Domain.Shipments;

namespace SupplyChain.Domain.Tests.Shipments;

public sealed class ShipmentLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ScanType.LabelCreated, ShipmentStatus.InfoReceived)]
    [InlineData(ScanType.PickedUp, ShipmentStatus.InTransit)]
    [InlineData(ScanType.ArrivedAtFacility, ShipmentStatus.InTransit)]
    [InlineData(ScanType.DepartedFacility, ShipmentStatus.InTransit)]
    [InlineData(ScanType.LoadedOnVehicle, ShipmentStatus.InTransit)]
    [InlineData(ScanType.UnloadedFromVehicle, ShipmentStatus.InTransit)]
    [InlineData(ScanType.OutForDelivery, ShipmentStatus.OutForDelivery)]
    [InlineData(ScanType.DeliveryAttempted, ShipmentStatus.AttemptFail)]
    [InlineData(ScanType.Delivered, ShipmentStatus.Delivered)]
    [InlineData(ScanType.AvailableForPickup, ShipmentStatus.AvailableForPickup)]
    [InlineData(ScanType.Exception, ShipmentStatus.Exception)]
    [InlineData(ScanType.ReturnedToSender, ShipmentStatus.ReturnedToSender)]
    public void StatusOf_EachScanType_MapsToItsStatus(ScanType scan, ShipmentStatus expected) =>
        Assert.Equal(expected, ShipmentLifecycle.StatusOf(scan));

    [Fact]
    public void Decide_FirstScan_MovesFromPending()
    {
        var decision = ShipmentLifecycle.Decide(ShipmentStatus.Pending, null, ScanType.PickedUp, T0);

        Assert.True(decision.Changes);
        Assert.Equal(ShipmentStatus.Pending, decision.Previous);
        Assert.Equal(ShipmentStatus.InTransit, decision.Status);
    }

    [Fact]
    public void Decide_ScanOlderThanCurrentStatus_KeepsStatus()
    {
        var decision = ShipmentLifecycle.Decide(ShipmentStatus.OutForDelivery, T0, ScanType.ArrivedAtFacility, T0.AddHours(-2));

        Assert.False(decision.Applies);
        Assert.Equal(StatusRefusal.OlderThanCurrent, decision.Refusal);
        Assert.Equal(ShipmentStatus.OutForDelivery, decision.Status);
    }

    [Theory]
    [InlineData(ShipmentStatus.Delivered, ScanType.OutForDelivery)]
    [InlineData(ShipmentStatus.Delivered, ScanType.Exception)]
    [InlineData(ShipmentStatus.ReturnedToSender, ScanType.Delivered)]
    [InlineData(ShipmentStatus.InTransit, ScanType.LabelCreated)]
    [InlineData(ShipmentStatus.AvailableForPickup, ScanType.OutForDelivery)]
    public void Decide_ImpossibleMove_IsRefused(ShipmentStatus current, ScanType scan)
    {
        var decision = ShipmentLifecycle.Decide(current, T0, scan, T0.AddHours(1));

        Assert.Equal(StatusRefusal.ImpossibleMove, decision.Refusal);
        Assert.Equal(current, decision.Status);
    }

    [Theory]
    [InlineData(ShipmentStatus.InfoReceived, ScanType.PickedUp, ShipmentStatus.InTransit)]
    [InlineData(ShipmentStatus.OutForDelivery, ScanType.DeliveryAttempted, ShipmentStatus.AttemptFail)]
    [InlineData(ShipmentStatus.AttemptFail, ScanType.OutForDelivery, ShipmentStatus.OutForDelivery)]
    [InlineData(ShipmentStatus.AttemptFail, ScanType.ArrivedAtFacility, ShipmentStatus.InTransit)]
    [InlineData(ShipmentStatus.Exception, ScanType.DepartedFacility, ShipmentStatus.InTransit)]
    [InlineData(ShipmentStatus.AvailableForPickup, ScanType.Delivered, ShipmentStatus.Delivered)]
    [InlineData(ShipmentStatus.OutForDelivery, ScanType.Delivered, ShipmentStatus.Delivered)]
    public void Decide_PossibleNewerMove_Applies(ShipmentStatus current, ScanType scan, ShipmentStatus expected)
    {
        var decision = ShipmentLifecycle.Decide(current, T0, scan, T0.AddMinutes(1));

        Assert.True(decision.Applies);
        Assert.Equal(expected, decision.Status);
    }

    [Fact]
    public void Decide_SameStatusNewerScan_AppliesWithoutChange()
    {
        var decision = ShipmentLifecycle.Decide(ShipmentStatus.InTransit, T0, ScanType.DepartedFacility, T0.AddHours(1));

        Assert.True(decision.Applies);
        Assert.False(decision.Changes);
    }

    [Fact]
    public void CanMove_TerminalStatuses_AllowNothing()
    {
        foreach (var terminal in Enum.GetValues<ShipmentStatus>().Where(ShipmentLifecycle.IsTerminal))
        {
            Assert.All(Enum.GetValues<ShipmentStatus>(), to => Assert.False(ShipmentLifecycle.CanMove(terminal, to)));
        }
    }

    [Fact]
    public void Decide_ReplayedInAnyOrder_EndsDeliveredWithLatestDetail()
    {
        (ScanType Scan, DateTimeOffset At)[] history =
        [
            (ScanType.LabelCreated, T0), (ScanType.PickedUp, T0.AddHours(1)), (ScanType.ArrivedAtFacility, T0.AddHours(3)),
            (ScanType.OutForDelivery, T0.AddHours(20)), (ScanType.Delivered, T0.AddHours(23)),
        ];
        foreach (var order in new[] { history, history.Reverse().ToArray(), [history[2], history[4], history[0], history[3], history[1]] })
        {
            var status = ShipmentStatus.Pending;
            DateTimeOffset? since = null;
            foreach (var (scan, at) in order)
            {
                var decision = ShipmentLifecycle.Decide(status, since, scan, at);
                if (decision.Applies)
                {
                    (status, since) = (decision.Status, at);
                }
            }

            Assert.Equal(ShipmentStatus.Delivered, status);
            Assert.Equal(T0.AddHours(23), since);
        }
    }
}
