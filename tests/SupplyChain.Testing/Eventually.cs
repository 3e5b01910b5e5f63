namespace SupplyChain.Testing;

/// <summary>
/// Polls for a condition until a deadline: events travel through streams, queues, grains and silos
/// asynchronously, so a test waits for what it expects and fails, saying what it last saw, when it
/// does not come. A pass returns as soon as the condition holds.
/// </summary>
public static class Eventually
{
    /// <summary>The deadline unless a test names one: generous, for CI runs every test project at once on two cores.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Returns the first value of <paramref name="probe"/> that satisfies <paramref name="done"/>; fails at the deadline.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout ?? DefaultTimeout} waiting for {what}; last value: {Describe(last)}");
            }

            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails at the deadline.</summary>
    public static Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Until(condition, ok => ok, what, timeout);

    /// <summary>A list's items rather than its type name, so a timeout says what had arrived.</summary>
    private static string Describe(object? value) =>
        value is System.Collections.IEnumerable items and not string ? "[" + string.Join(", ", items.Cast<object?>()) + "]" : $"{value}";
}
