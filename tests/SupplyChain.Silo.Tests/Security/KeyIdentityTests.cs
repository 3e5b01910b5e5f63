using System.Security.Claims;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Tests.Security;

/// <summary>A key's identity, built once and shared by its requests, answers as the claims it carries would.</summary>
public sealed class KeyIdentityTests
{
    [Fact]
    public void KeyIdentity_AnswersRoleAccountKeyIdAndSources_AsItsClaimsSay()
    {
        var user = new KeyIdentities().Of("ACME scanners", Roles.Carrier, "ACME", "cfg-3", ["/carriers/acme"]).Principal;

        Assert.True(user.IsInRole(Roles.Carrier));
        Assert.False(user.IsInRole(Roles.Admin));
        Assert.Equal("ACME", user.AccountId());
        Assert.Equal("cfg-3", user.KeyId());
        Assert.Equal("ACME scanners", user.Identity!.Name);
        Assert.True(user.HasClaim(Roles.SourceClaim, "/carriers/acme"));
        Assert.Equal(["/carriers/acme"], user.FindAll(Roles.SourceClaim).Select(c => c.Value));
        Assert.Equal(user.Claims.Count(c => c.Type == ClaimTypes.Role), user.FindAll(ClaimTypes.Role).Count());

        var writer = SourcePermissions.WriterOf(user);
        Assert.Equal("ACME", writer.Account);
        Assert.True(writer.MayPostFor("/carriers/acme/scanners/1"));
        Assert.False(writer.MayPostFor("/carriers/acme-evil/1"));
    }

    [Fact]
    public void KeyIdentities_ShareOneIdentityPerKey_UntilWhatItSaysChanges()
    {
        var identities = new KeyIdentities();
        List<string> sources = ["/carriers/acme"];

        var first = identities.Of("ACME", Roles.Carrier, "ACME", "k1", sources);
        var again = identities.Of("ACME", Roles.Carrier, "ACME", "k1", ["/carriers/acme"]);
        var moreSources = identities.Of("ACME", Roles.Carrier, "ACME", "k1", ["/carriers/acme", "/carriers/acme-2"]);
        var promoted = identities.Of("ACME", Roles.Admin, "ACME", "k1", ["/carriers/acme", "/carriers/acme-2"]);

        Assert.Same(first, again);
        Assert.NotSame(first, moreSources);
        Assert.True(moreSources.Writer.MayPostFor("/carriers/acme-2/x"));
        Assert.Null(promoted.Writer.Account);
        Assert.True(promoted.Principal.IsInRole(Roles.Admin));
    }

    [Fact]
    public void AnAdmin_PostsForAnySource_AndWritesForNoAccount()
    {
        var writer = SourcePermissions.WriterOf(new KeyIdentities().Of("ops", Roles.Admin, "ops", "cfg-1", []).Principal);

        Assert.Null(writer.Account);
        Assert.True(writer.MayPostFor("/anything/at/all"));
    }
}
