using System.Text;
using CloudNative.CloudEvents;
using CsCheck;
using SupplyChain.Ingestion.Reading;

namespace SupplyChain.Ingestion.Tests.Reading;

/// <summary>The fast reading of <c>time</c> only ever takes what the SDK takes, as the SDK takes it.</summary>
public sealed class EventTimeTests
{
    private static readonly CloudEventAttribute Sdk = CloudEventsSpecVersion.V1_0.TimeAttribute;

    /// <summary>Timestamps of the usual shape with any digits (so many are out of range), and some shapes beside it.</summary>
    private static readonly Gen<string> Timestamps =
        Gen.Select(
                Gen.Int[0, 9999], Gen.Int[0, 14], Gen.Int[0, 32], Gen.Int[0, 25], Gen.Int[0, 61], Gen.Int[0, 61],
                Gen.OneOf("", ".5", ".123", ".1234567", ".123456789", ".", ".12a"),
                Gen.OneOf("Z", "+02:00", "-05:30", "+14:00", "-14:01", "+15:00", "+01:60", "z", "", "+0200", "Z "),
                Gen.OneOf("T", "T", "T", "t", " "),
                (year, month, day, hour, minute, second, fraction, offset, t) =>
                    $"{year:0000}-{month:00}-{day:00}{t}{hour:00}:{minute:00}:{second:00}{fraction}{offset}");

    [Fact]
    public void AnyTimestamp_IsTakenOnlyAsTheSdkTakesIt()
    {
        var taken = 0;
        Timestamps.Sample(text =>
        {
            if (!EventTime.TryRead(Encoding.UTF8.GetBytes(text), out var time))
            {
                return;
            }

            Interlocked.Increment(ref taken);
            var sdk = (DateTimeOffset)Sdk.Parse(text);
            Assert.Equal(sdk, time);
            Assert.Equal(sdk.Offset, time.Offset);
        }, iter: 20000);

        Assert.True(taken > 500, $"Only {taken} timestamps were taken: the generator no longer makes the usual shape.");
    }

    [Theory]
    [InlineData("2026-11-30T23:59:59Z")]
    [InlineData("2026-02-28T10:00:00.1234567+01:00")]
    [InlineData("2024-02-29T00:00:00.5-05:30")]
    [InlineData("2026-01-01T10:00:00.123456789Z")]
    public void TheUsualShape_IsReadAsTheSdkReadsIt(string text)
    {
        Assert.True(EventTime.TryRead(Encoding.UTF8.GetBytes(text), out var time));

        Assert.Equal((DateTimeOffset)Sdk.Parse(text), time);
    }

    [Theory]
    [InlineData("2026-02-29T10:00:00Z")]
    [InlineData("2026-01-01T24:00:00Z")]
    [InlineData("2026-01-01T10:00:00+14:01")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2026-01-01t10:00:00Z")]
    public void AnythingElse_IsLeftToTheSdk(string text) => Assert.False(EventTime.TryRead(Encoding.UTF8.GetBytes(text), out _));
}
