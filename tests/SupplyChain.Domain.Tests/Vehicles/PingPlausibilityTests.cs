using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Vehicles;

namespace SupplyChain.Domain.Tests.Vehicles;

public sealed class PingPlausibilityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly PingPlausibility Rules = new(MaxSpeedKmh: 250, MaxAccuracyM: 100);
    private static readonly Fix Latest = new(new GeoPoint(51.9225, 4.47917), T0);

    [Fact]
    public void Judge_FirstFix_IsAccepted() => Assert.Equal(PingVerdict.Accepted, Rules.Judge(null, Latest, 8));

    [Fact]
    public void Judge_PlausibleNextFix_IsAccepted() =>
        Assert.Equal(PingVerdict.Accepted, Rules.Judge(Latest, Latest with { Location = new GeoPoint(51.93, 4.49), At = T0.AddMinutes(1) }, 8));

    [Fact]
    public void Judge_SameTimeAndPlace_IsDuplicate() => Assert.Equal(PingVerdict.Duplicate, Rules.Judge(Latest, Latest with { }, 8));

    [Fact]
    public void Judge_SameTimeElsewhere_IsStale() =>
        Assert.Equal(PingVerdict.Stale, Rules.Judge(Latest, Latest with { Location = new GeoPoint(51.93, 4.49) }, 8));

    [Fact]
    public void Judge_OlderThanLatest_IsStale() =>
        Assert.Equal(PingVerdict.Stale, Rules.Judge(Latest, Latest with { At = T0.AddSeconds(-1) }, 8));

    [Fact]
    public void Judge_HundredKilometresInOneMinute_IsJump() =>
        Assert.Equal(PingVerdict.Jump, Rules.Judge(Latest, Latest with { Location = new GeoPoint(51.43, 6.76), At = T0.AddMinutes(1) }, 8));

    [Fact]
    public void Judge_SameDistanceAfterAnHour_IsAccepted() =>
        Assert.Equal(PingVerdict.Accepted, Rules.Judge(Latest, Latest with { Location = new GeoPoint(51.43, 6.76), At = T0.AddHours(1) }, 8));

    [Fact]
    public void Judge_AccuracyWorseThanLimit_IsInaccurate() =>
        Assert.Equal(PingVerdict.Inaccurate, Rules.Judge(Latest, Latest with { At = T0.AddMinutes(1) }, 150));

    [Fact]
    public void Judge_FirstFixTooInaccurate_IsInaccurate() =>
        Assert.Equal(PingVerdict.Inaccurate, Rules.Judge(null, Latest, 101));
}
