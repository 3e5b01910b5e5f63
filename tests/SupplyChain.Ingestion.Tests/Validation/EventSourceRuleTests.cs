using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion.Tests.Validation;

public sealed class EventSourceRuleTests
{
    [Theory]
    [InlineData("/carriers/acme")]
    [InlineData("/carriers/acme/scanners/rtm-1")]
    [InlineData("https://acme.test/gps?x=1&y=%20#frag")]
    [InlineData("urn:acme:gps")]
    [InlineData("/carriers/acme/v1.2/..x")]
    [InlineData("/caf%C3%A9")]
    public void URIReferences_AreAccepted(string source) => Assert.Null(EventSourceRule.Problem(source));

    [Theory]
    [InlineData("/carriers/acme x", "position 15")]
    [InlineData("/carriers/\u00e9", "position 11")]
    [InlineData("/carriers/\t", "position 11")]
    [InlineData("/carriers/\"x\"", "position 11")]
    [InlineData("/carriers/%2", "percent-encoded")]
    [InlineData("/carriers/%g0", "percent-encoded")]
    [InlineData("/carriers/acme/../beta", "path segments")]
    [InlineData("/carriers/acme/./x", "path segments")]
    [InlineData("/carriers/acme/..", "path segments")]
    [InlineData("/carriers/acme/%2e%2E/beta", "path segments")]
    [InlineData("/carriers/acme/.%2e/beta", "path segments")]
    public void AnythingElse_IsRefusedSayingWhy(string source, string fragment) =>
        Assert.Contains(fragment, EventSourceRule.Problem(source), StringComparison.Ordinal);

    [Fact]
    public void ASourceOverItsBound_IsRefusedWithItsLength() =>
        Assert.StartsWith("source has 513 characters", EventSourceRule.Problem("/" + new string('a', 512)), StringComparison.Ordinal);

    [Fact]
    public void DotSegmentsInTheQuery_AreNotPathSegments() => Assert.Null(EventSourceRule.Problem("/carriers/acme?path=../x"));
}
