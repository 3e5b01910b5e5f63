using System.Net.Http.Headers;
using SupplyChain.Replay.Posting;

namespace SupplyChain.Replay.Tests.Posting;

public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfterSeconds_AreTakenAsGiven() =>
        Assert.Equal(TimeSpan.FromSeconds(5), RetryDelay.Before(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(5)), Now));

    [Fact]
    public void RetryAfterADate_IsTheTimeUntilIt_AndNeverNegative()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.Before(1, new RetryConditionHeaderValue(Now.AddSeconds(30)), Now));
        Assert.Equal(TimeSpan.Zero, RetryDelay.Before(1, new RetryConditionHeaderValue(Now.AddSeconds(-30)), Now));
    }

    [Fact]
    public void AnAbsurdRetryAfter_IsCapped() =>
        Assert.Equal(RetryDelay.MaxRetryAfter, RetryDelay.Before(1, new RetryConditionHeaderValue(TimeSpan.FromDays(1)), Now));

    [Fact]
    public void WithoutRetryAfter_TheBackoffDoublesUpToItsCap()
    {
        Assert.Equal([250, 500, 1000, 2000], Enumerable.Range(1, 4).Select(a => RetryDelay.Before(a, null, Now).TotalMilliseconds));
        Assert.Equal(RetryDelay.MaxBackoff, RetryDelay.Before(40, null, Now));
    }
}
