using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Tests.Security;

public sealed class SourcePermissionsTests
{
    [Theory]
    [InlineData("/carriers/acme", "/carriers/acme", true)]
    [InlineData("/carriers/acme", "/carriers/acme/scanners/1", true)]
    [InlineData("/carriers/acme", "/carriers/acme?site=rtm", true)]
    [InlineData("/carriers/acme/", "/carriers/acme/scanners/1", true)]
    [InlineData("urn:acme:", "urn:acme:gps", true)]
    [InlineData("*", "/anything", true)]
    [InlineData("/carriers/acme", "/carriers/acme-evil/x", false)]
    [InlineData("/carriers/acme", "/carriers/acmex", false)]
    [InlineData("/carriers/acme", "/carriers/acme%2Fbeta", false)]
    [InlineData("/carriers/acme/", "/carriers/acme", false)]
    [InlineData("/carriers/acme", "/carriers/ac", false)]
    [InlineData("/carriers/acme", "/Carriers/acme", false)]
    [InlineData("", "/carriers/acme", false)]
    public void APrefix_CoversWholePathSegmentsOnly(string prefix, string source, bool covered) =>
        Assert.Equal(covered, SourcePermissions.Covers(prefix, source));
}
