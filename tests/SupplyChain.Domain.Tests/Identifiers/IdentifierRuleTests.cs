using CsCheck;
using SupplyChain.Domain.Identifiers;

namespace SupplyChain.Domain.Tests.Identifiers;

public sealed class IdentifierRuleTests
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly IdentifierRule[] Rules =
    [
        IdentifierRule.TrackingNumber, IdentifierRule.VehicleId, IdentifierRule.FacilityId,
        IdentifierRule.CarrierId, IdentifierRule.GeofenceId, IdentifierRule.SubscriptionId,
    ];

    private static readonly Gen<IdentifierRule> AnyRule = Gen.Int[0, Rules.Length - 1].Select(i => Rules[i]);

    /// <summary>An id by the rule: a letter or digit, then letters, digits and the punctuation, up to the rule's length.</summary>
    private static Gen<string> ValidFor(IdentifierRule rule) =>
        Gen.Select(
            Gen.Char[Alphanumerics],
            Gen.Char[Alphanumerics + IdentifierRule.Punctuation].Array[0, rule.MaxLength - 1],
            (first, rest) => first + new string(rest));

    [Fact]
    public void AnyPartOfAValidId_IsAFragment() =>
        AnyRule.SelectMany(rule => ValidFor(rule).Select(id => (rule, id)))
            .Sample(t => Assert.True(t.rule.IsFragment(t.id[(t.id.Length / 2)..]), t.id), iter: 2000);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("\u00FC")]
    [InlineData(null)]
    public void IsFragment_NothingOrACharacterNoIdHas_False(string? value) =>
        Assert.False(IdentifierRule.VehicleId.IsFragment(value));

    [Fact]
    public void IsFragment_LongerThanAnId_False() => Assert.False(IdentifierRule.VehicleId.IsFragment(new string('a', 65)));

    [Fact]
    public void AnyIdByTheRule_IsValid() =>
        AnyRule.SelectMany(rule => ValidFor(rule).Select(id => (rule, id)))
            .Sample(t => Assert.True(t.rule.IsValid(t.id), t.id), iter: 5000);

    [Fact]
    public void AnyIdWithOneCharacterOutsideTheSet_IsInvalid_AndTheProblemSaysWhere() =>
        Gen.Select(AnyRule, Gen.Char.Where(c => !char.IsAsciiLetterOrDigit(c) && !IdentifierRule.Punctuation.Contains(c, StringComparison.Ordinal)), Gen.Int[0, 100])
            .SelectMany((rule, bad, at) => ValidFor(rule).Where(id => id.Length >= 2).Select(id => (rule, bad, id, at: 1 + at % (id.Length - 1))))
            .Sample(t =>
            {
                var id = t.id[..t.at] + t.bad + t.id[(t.at + 1)..];
                var problem = t.rule.Problem(id, "field");

                Assert.False(t.rule.IsValid(id), id);
                Assert.Contains($"position {t.at + 1}", problem, StringComparison.Ordinal);
            }, iter: 5000);

    [Fact]
    public void AnyIdOverItsLength_IsInvalid_AndTheProblemNeverRepeatsIt() =>
        AnyRule.SelectMany(rule => Gen.Int[rule.MaxLength + 1, 100_000].Select(n => (rule, id: new string('A', n))))
            .Sample(t =>
            {
                var problem = t.rule.Problem(t.id, "data.x")!;

                Assert.False(t.rule.IsValid(t.id));
                Assert.StartsWith($"data.x has {t.id.Length} characters.", problem, StringComparison.Ordinal);
                Assert.InRange(problem.Length, 1, 300);
            }, iter: 300);

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("-x")]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a\u0000b")]
    [InlineData("caf\u00e9")]
    [InlineData("x\ud800")]
    public void Ids_PeopleAndToolsGetWrong_AreInvalidForEveryKind(string id) =>
        Assert.All(Rules, rule => Assert.False(rule.IsValid(id), $"{rule.Name}: {id}"));

    [Theory]
    [InlineData("1Z999AA10123456784")]
    [InlineData("DEMO-RTM-HAG-1")]
    [InlineData("TRUCK-17")]
    [InlineData("urn:x:1")]
    [InlineData("a.b_c-d")]
    public void CarrierFormats_AreValid(string id) =>
        Assert.All(Rules, rule => Assert.True(rule.IsValid(id), $"{rule.Name}: {id}"));
}
