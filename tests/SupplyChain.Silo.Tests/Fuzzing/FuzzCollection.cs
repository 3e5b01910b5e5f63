namespace SupplyChain.Silo.Tests.Fuzzing;

/// <summary>
/// The fuzz runs go alone, after the other tests: thousands of requests at once would stretch
/// their deadlines, and the fences a run creates (until it deletes them) would meet their vehicles.
/// </summary>
[CollectionDefinition(nameof(FuzzCollection), DisableParallelization = true)]
public sealed class FuzzCollection;
