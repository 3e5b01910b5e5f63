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
}
