using SupplyChain.Domain.Shipments;
using Xunit;

namespace SupplyChain.Domain.Tests.Shipments;

public sealed class DeliveryPromiseTests
{
    private static readonly DateTimeOffset Promise = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Morning = Promise.AddHours(-8);
    private static readonly TrackingOptions Options = new(); // margin 15 min, hysteresis 10 min

    [Fact]
    public void OnEstimate_WithinTheMargin_RaisesNothing()
    {
        var step = DeliveryPromise.OnEstimate(PromiseState.Initial, Promise, Promise.AddMinutes(15), Morning, Options);

        Assert.Null(step.AtRisk);
        Assert.False(step.State.AtRisk);
    }

    [Fact]
    public void OnEstimate_PastTheMargin_RaisesAtRiskOnceForTheSpell()
    {
        var first = DeliveryPromise.OnEstimate(PromiseState.Initial, Promise, Promise.AddMinutes(16), Morning, Options);
        var second = DeliveryPromise.OnEstimate(first.State, Promise, Promise.AddMinutes(40), Morning.AddMinutes(5), Options);

        Assert.Equal(new PromiseAtRisk(Promise, Promise.AddMinutes(16), TimeSpan.FromMinutes(16), Morning, 1), first.AtRisk);
        Assert.Null(second.AtRisk);
        Assert.True(second.State.AtRisk);
    }

    [Fact]
    public void OnEstimate_ComingBackInsideTheHysteresisOnly_StaysAtRisk_ThenClearsAndANewSpellIsDistinct()
    {
        var atRisk = DeliveryPromise.OnEstimate(PromiseState.Initial, Promise, Promise.AddMinutes(30), Morning, Options).State;

        // 14 min past: inside the margin but not by the hysteresis (it must come back to 5 min past).
        var hovering = DeliveryPromise.OnEstimate(atRisk, Promise, Promise.AddMinutes(14), Morning.AddMinutes(1), Options);
        var back = DeliveryPromise.OnEstimate(hovering.State, Promise, Promise.AddMinutes(5), Morning.AddMinutes(2), Options);
        var again = DeliveryPromise.OnEstimate(back.State, Promise, Promise.AddMinutes(20), Morning.AddMinutes(3), Options);

        Assert.Null(hovering.BackOnTrack);
        Assert.True(hovering.State.AtRisk);
        Assert.Equal(new PromiseBackOnTrack(Promise, Promise.AddMinutes(5), Morning.AddMinutes(2), 1), back.BackOnTrack);
        Assert.Equal(2, again.AtRisk?.Spell);
    }

    [Fact]
    public void AtTime_ThePromisePassesUndelivered_BreaksItOnceDatedAtThePromise()
    {
        var before = DeliveryPromise.AtTime(PromiseState.Initial, Promise, Promise.AddTicks(-1), delivered: false);
        var broken = DeliveryPromise.AtTime(before.State, Promise, Promise.AddMinutes(3), delivered: false);
        var later = DeliveryPromise.AtTime(broken.State, Promise, Promise.AddHours(2), delivered: false);

        Assert.Null(before.Broken);
        Assert.Equal(new PromiseBroken(Promise), broken.Broken);
        Assert.Null(later.Broken);
    }

    [Fact]
    public void OnEstimate_AFixAfterThePromise_BreaksItAndRaisesNoAtRisk()
    {
        var atRisk = DeliveryPromise.OnEstimate(PromiseState.Initial, Promise, Promise.AddMinutes(45), Morning, Options).State;

        var step = DeliveryPromise.OnEstimate(atRisk, Promise, Promise.AddMinutes(50), Promise.AddMinutes(1), Options);

        Assert.Equal(new PromiseBroken(Promise), step.Broken);
        Assert.Null(step.AtRisk);
        Assert.True(step.State.Late);
        Assert.False(step.State.AtRisk);
    }

    [Fact]
    public void AtTime_Delivered_NeverBreaks()
    {
        Assert.Null(DeliveryPromise.AtTime(PromiseState.Initial, Promise, Promise.AddHours(1), delivered: true).Broken);
    }

    [Fact]
    public void ANewPromise_StartsAfresh()
    {
        var broken = DeliveryPromise.AtTime(PromiseState.Initial, Promise, Promise.AddMinutes(1), delivered: false).State;
        var moved = Promise.AddDays(1);

        var step = DeliveryPromise.OnEstimate(broken, moved, moved.AddMinutes(30), Promise.AddMinutes(2), Options);

        Assert.Equal(1, step.AtRisk?.Spell);
        Assert.Equal(moved, step.State.PromisedBy);
        Assert.False(step.State.Late);
    }

    [Fact]
    public void WithoutAPromise_NothingIsRaised()
    {
        var step = DeliveryPromise.OnEstimate(PromiseState.Initial, null, Morning.AddDays(3), Morning, Options);

        Assert.Null(step.AtRisk);
        Assert.Null(step.Broken);
    }
}
