namespace SupplyChain.Silo.Tests.Infrastructure;

/// <summary>Polls for a condition until a deadline: events travel through streams asynchronously.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Returns the first value of <paramref name="probe"/> that satisfies <paramref name="done"/>; fails at the deadline.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last value: {last}");
            }

            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }
}
