using Microsoft.Extensions.Configuration;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Tests.Hosting;

public sealed class StreamProviderOptionsTests
{
    [Theory]
    [InlineData(StreamProviderKind.Memory, 10)]
    [InlineData(StreamProviderKind.AzureQueue, 100)]
    [InlineData(StreamProviderKind.EventHubs, 100)]
    public void PollPeriod_Unset_DefaultOfTheProvider(StreamProviderKind provider, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), new StreamProviderOptions().PollPeriodFor(provider));

    [Theory]
    [InlineData("Embedded", null, 1, true)]
    [InlineData("Embedded", null, 0.5, false)]
    [InlineData("Embedded", null, 10_001, false)]
    [InlineData("Durable", null, 99, false)]
    [InlineData("Durable", null, 100, true)]
    [InlineData("Durable", "EventHubs", 10, false)]
    public void PollPeriod_BoundsOfTheProviderInEffect_Validated(string mode, string? provider, double milliseconds, bool valid)
    {
        var options = new StreamProviderOptions
        {
            Provider = provider is null ? null : Enum.Parse<StreamProviderKind>(provider),
            PollPeriod = TimeSpan.FromMilliseconds(milliseconds),
        };

        var result = Validator(mode).Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("SupplyChain:Streams:PollPeriod", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Durable")]
    public void PollPeriod_Unset_Valid(string mode) =>
        Assert.True(Validator(mode).Validate(null, new StreamProviderOptions()).Succeeded);

    [Fact]
    public void DeliveryRetryDelays_Defaults_DoubleToTheCap_PoisonDeadLetteredAbout15sAfterItsFirstFailure()
    {
        var options = new StreamProviderOptions();

        var waits = Enumerable.Range(1, Grains.Partitions.DeadLetterOptions.DefaultMaxAttempts - 1).Select(options.DeliveryRetryDelayAfter).ToList();

        Assert.Equal([1, 2, 4, 4, 4], waits.Select(w => w.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(15), waits.Aggregate(TimeSpan.Zero, (sum, w) => sum + w));
        Assert.Equal(TimeSpan.FromSeconds(1), new DeliveryBackoff(options).Next(0));
    }

    private static StreamProviderSettingsValidator Validator(string mode) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SupplyChain:Cluster:Mode"] = mode }).Build());
}
