namespace SupplyChain.Grains.Tests.Infrastructure;

/// <summary>Polls for a condition until a deadline: stream delivery is asynchronous.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Generous, for CI runs every test project at once on two cores; a pass returns as soon as the condition holds.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last value: {Describe(last)}");
            }

            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A list's items rather than its type name, so a timeout says what had arrived.</summary>
    private static string Describe(object? value) =>
        value is System.Collections.IEnumerable items and not string ? "[" + string.Join(", ", items.Cast<object?>()) + "]" : $"{value}";
}
