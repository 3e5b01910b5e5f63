using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Ownership;

/// <summary>A silo with two carrier accounts, ACME and BETA, each limited to its own sources.</summary>
public sealed class TwoCarriers : SiloFixture
{
    public const string AcmeKey = "ownership-acme-key";
    public const string BetaKey = "ownership-beta-key";
    public const string AcmeSource = "/carriers/acme/scanners/1";
    public const string BetaSource = "/carriers/beta/scanners/1";

    /// <summary>The two accounts' configured keys, as silo arguments.</summary>
    public static readonly string[] Keys =
    [
        "--SupplyChain:Auth:ApiKeys:3:Name=ACME scanners", "--SupplyChain:Auth:ApiKeys:3:Account=ACME",
        $"--SupplyChain:Auth:ApiKeys:3:Key={AcmeKey}", "--SupplyChain:Auth:ApiKeys:3:Role=carrier",
        "--SupplyChain:Auth:ApiKeys:3:Sources:0=/carriers/acme",
        "--SupplyChain:Auth:ApiKeys:4:Name=BETA scanners", "--SupplyChain:Auth:ApiKeys:4:Account=BETA",
        $"--SupplyChain:Auth:ApiKeys:4:Key={BetaKey}", "--SupplyChain:Auth:ApiKeys:4:Role=carrier",
        "--SupplyChain:Auth:ApiKeys:4:Sources:0=/carriers/beta",
    ];

    protected override string[] Args => Keys;

    /// <summary>A plan whose destination latitude tells one carrier's shipment of a number from another's.</summary>
    public static object Plan(string carrierId, double destinationLat) => new
    {
        carrierId,
        origin = new { lat = 51.92, lon = 4.48 },
        destination = new { lat = destinationLat, lon = 6.76 },
        destinationRadiusM = 300,
    };
}
