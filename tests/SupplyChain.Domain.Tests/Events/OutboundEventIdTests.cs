using SupplyChain.Domain.Events;

namespace SupplyChain.Domain.Tests.Events;

public sealed class OutboundEventIdTests
{
    [Fact]
    public void Derive_SameCause_SameId() =>
        Assert.Equal(
            OutboundEventId.Derive("/scanner\n42", "SupplyChain.Delivered", "1Z"),
            OutboundEventId.Derive("/scanner\n42", "SupplyChain.Delivered", "1Z"));

    [Theory]
    [InlineData("/scanner\n43", "SupplyChain.Delivered", "1Z")]
    [InlineData("/scanner\n42", "SupplyChain.ShipmentStatusChanged", "1Z")]
    [InlineData("/scanner\n42", "SupplyChain.Delivered", "1Y")]
    public void Derive_AnyPartDiffers_IdDiffers(string cause, string type, string subject) =>
        Assert.NotEqual(OutboundEventId.Derive("/scanner\n42", "SupplyChain.Delivered", "1Z"), OutboundEventId.Derive(cause, type, subject));

    [Fact]
    public void Derive_Always32LowercaseHexDigits() =>
        Assert.Matches("^[0-9a-f]{32}$", OutboundEventId.Derive("c", "t", "s"));
}
