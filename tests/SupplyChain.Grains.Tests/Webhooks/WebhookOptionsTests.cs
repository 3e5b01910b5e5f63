using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>Webhook settings are checked at start, each problem naming its key.</summary>
public sealed class WebhookOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndAllowAMillionQueuedEvents()
    {
        var options = new WebhookOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(1_000_000, options.MaxQueueLength);
        Assert.Equal(500, options.SegmentSize);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_001)]
    public void SegmentSize_OutOfRange_NamesTheKey(int size)
    {
        var error = Assert.Single(new WebhookOptions { SegmentSize = size }.Validate());

        Assert.Equal("SupplyChain:Webhooks:SegmentSize must be in [2, 10000].", error);
    }

    [Fact]
    public void AllowedPorts_Default_Only443()
    {
        Assert.Equal([443], new WebhookOptions().EffectiveAllowedPorts);
        Assert.Equal([443, 8443], new WebhookOptions { AllowedPorts = [443, 8443] }.EffectiveAllowedPorts);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65_536)]
    public void AllowedPorts_OutOfRange_NamesTheKey(int port)
    {
        var error = Assert.Single(new WebhookOptions { AllowedPorts = [443, port] }.Validate());

        Assert.Equal("SupplyChain:Webhooks:AllowedPorts entries must be in [1, 65535].", error);
    }

    [Fact]
    public void SecretRotationOverlap_Default24Hours()
    {
        Assert.Equal(TimeSpan.FromHours(24), new WebhookOptions().SecretRotationOverlap);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("30.00:00:01")]
    public void SecretRotationOverlap_OutOfRange_NamesTheKey(string overlap)
    {
        var error = Assert.Single(new WebhookOptions { SecretRotationOverlap = TimeSpan.Parse(overlap, System.Globalization.CultureInfo.InvariantCulture) }.Validate());

        Assert.Equal("SupplyChain:Webhooks:SecretRotationOverlap must be in (0, 30 days].", error);
    }
}
