using SupplyChain.Domain.Events;

namespace SupplyChain.Domain.Tests.Events;

/// <summary>An inbound event's cause, the 128 bits outbound ids derive from.</summary>
public sealed class EventCauseTests
{
    [Fact]
    public void Text_IsTheXxh3128OfSourceNewlineId_InLowercaseHex()
    {
        // Computed apart from .NET, with the reference C implementation built to WebAssembly (npm hash-wasm 4):
        // node -e "require('hash-wasm').xxhash128('/carriers/acme/gps\nping-1').then(console.log)"
        Assert.Equal("0631f952e644861b27d63cbd1735a315", EventCause.Of("/carriers/acme/gps", "ping-1").ToString());
    }

    [Fact]
    public void SameSourceAndId_SameCause() =>
        Assert.Equal(EventCause.Of("/devices", new string("p1".AsSpan())), EventCause.Of(new string("/devices".AsSpan()), "p1"));

    [Theory]
    [InlineData("/devices", "p2")]
    [InlineData("/devices2", "p1")]
    [InlineData("/devicesp", "1")]
    public void AnyPartDiffers_CauseDiffers(string source, string id) =>
        Assert.NotEqual(EventCause.Of("/devices", "p1"), EventCause.Of(source, id));

    [Fact]
    public void LongAndNonAsciiParts_HashedWhole()
    {
        // 1,113 bytes of UTF-8, beyond what is hashed from the stack (hash-wasm, as above, over "/é" × 200 + "\n" + "ü" × 256).
        var cause = EventCause.Of(string.Concat(Enumerable.Repeat("/é", 200)), new string('ü', 256));

        Assert.Equal("dd5fd8f8dc600647f00670389a6fa541", cause.ToString());
    }
}
