namespace SupplyChain.Kubernetes.Tests.Rollout;

/// <summary>Polls a condition until a generous deadline: processes, queues and silos move asynchronously.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the first value of <paramref name="probe"/> satisfying <paramref name="done"/>; fails at the deadline.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {what}; last value: {last}");
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }
}
