using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>The retry waits: the schedule with jitter, the receiver's clamped Retry-After, and the last attempt.</summary>
public sealed class RetryScheduleTests
{
    private static readonly TimeSpan[] Waits = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    [Fact]
    public void NoJitter_WaitsAreTheSchedule_OneAttemptMoreThanWaits()
    {
        var schedule = new RetrySchedule(Waits, 0, TimeSpan.FromHours(1), new Random(7));

        Assert.Equal(4, schedule.MaxAttempts);
        Assert.Equal(Waits, Enumerable.Range(1, 3).Select(n => schedule.WaitAfter(n, null)!.Value));
        Assert.Null(schedule.WaitAfter(4, null));
    }

    [Fact]
    public void Jitter_EveryWaitWithinTheFactor_AndNotAllEqual()
    {
        var schedule = new RetrySchedule(Waits, 0.1, TimeSpan.FromHours(1), new Random(7));

        var waits = Enumerable.Range(0, 200).Select(_ => schedule.WaitAfter(2, null)!.Value).ToList();

        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromSeconds(27), TimeSpan.FromSeconds(33)));
        Assert.True(waits.Distinct().Count() > 100);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(90, 90)]
    [InlineData(7200, 3600)]
    public void RetryAfter_ClampedToOneSecondAndTheMaximum(int askedSeconds, int waitedSeconds)
    {
        var schedule = new RetrySchedule(Waits, 0.1, TimeSpan.FromHours(1), new Random(7));

        Assert.Equal(TimeSpan.FromSeconds(waitedSeconds), schedule.WaitAfter(1, TimeSpan.FromSeconds(askedSeconds)));
    }

    [Fact]
    public void RetryAfter_OnTheLastAttempt_StillGivesUp()
    {
        var schedule = new RetrySchedule(Waits, 0, TimeSpan.FromHours(1), new Random(7));

        Assert.Null(schedule.WaitAfter(4, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void From_EmptyOptionsSchedule_UsesTheDefault()
    {
        var schedule = RetrySchedule.From(new WebhookOptions { Jitter = 0 });

        Assert.Equal(WebhookOptions.DefaultRetrySchedule.Count + 1, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(24), schedule.WaitAfter(7, null));
    }
}
