using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>When a failing subscription is disabled.</summary>
public sealed class DisableRuleTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly DisableRule _rule = new(TimeSpan.FromDays(3));

    [Fact]
    public void NotFailing_NeverDisabled() => Assert.False(_rule.ShouldDisable(null, Since.AddYears(1)));

    [Fact]
    public void FailingShorterThanTheLimit_StaysEnabled() => Assert.False(_rule.ShouldDisable(Since, Since.AddDays(3).AddSeconds(-1)));

    [Fact]
    public void FailingForTheLimit_Disabled() => Assert.True(_rule.ShouldDisable(Since, Since.AddDays(3)));

    [Fact]
    public void Reason_NamesWhenFailingStartedAndTheLimit() =>
        Assert.Equal("No successful delivery since 2026-11-23T08:00:00.0000000+00:00 (3.00:00:00 allowed).", _rule.Reason(Since));
}
