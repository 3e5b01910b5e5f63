using SupplyChain.Domain.Events;

namespace SupplyChain.Domain.Tests.Events;

/// <summary>An inbound event's cause, the 128 bits outbound ids derive from.</summary>
public sealed class EventCauseTests
{
    [Fact]
    public void Text_IsTheFirstHalfOfTheSha256OfSourceNewlineId_InLowercaseHex()
    {
        // Computed apart from .NET: python3 -c "import hashlib; print(hashlib.sha256(b'/carriers/acme/gps\nping-1').hexdigest()[:32])"
        Assert.Equal("346b43da947a493dfc31d268d60f7468", EventCause.Of("/carriers/acme/gps", "ping-1").ToString());
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
        // 1,113 bytes of UTF-8, beyond what is hashed from the stack (python3, as above, over the same text).
        var cause = EventCause.Of(string.Concat(Enumerable.Repeat("/é", 200)), new string('ü', 256));

        Assert.Equal("5088fb1520faa72e76305b638f684518", cause.ToString());
    }
}
