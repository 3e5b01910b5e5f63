using SupplyChain.Fuzz.Cases;
using SupplyChain.Fuzz.Running;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Fuzzing;

/// <summary>
/// Randomized malformed requests over every route and content mode (tools/SupplyChain.Fuzz, the same
/// cases the console tool sends), with valid events among them, against the real silo: no answer of
/// 500 or more, none over 10 s, every accepted valid event applied, the silo ready afterwards. One
/// run with a fixed seed, one with a new seed each time; the report in the output names the seed
/// and each failing case, and how to replay it.
/// </summary>
[Collection(nameof(FuzzCollection))]
public sealed class FuzzTests(SiloFixture fixture)
{
    private const int FixedSeed = 24_06;
    private const int Concurrency = 6;

    [Fact]
    public Task Fuzz_FixedSeed_NoServerErrorNoSlowAnswerEveryValidEventApplied() => RunAsync(FixedSeed, 2000);

    [Fact]
    public Task Fuzz_NewSeed_NoServerErrorNoSlowAnswerEveryValidEventApplied() => RunAsync(Random.Shared.Next(), 1000);

    private async Task RunAsync(int seed, int cases)
    {
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"Fuzz seed {seed}, {cases} cases.");
        using var runner = new FuzzRunner(new FuzzSettings(fixture.Silo.Address, seed, 0, cases, Concurrency, FuzzKeys.Development));

        var report = await runner.RunAsync(TestContext.Current.CancellationToken);

        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }
}
