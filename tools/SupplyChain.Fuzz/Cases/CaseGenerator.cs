namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// Makes case <c>i</c> of a run from the seed and <c>i</c> alone (each case has its own random
/// numbers), so one case can be made again without the ones before it. What a case holds is the
/// same for the same seed and index; only the run's names for its known subjects and the times of
/// valid events (near the wall clock) differ between runs. Thread safe.
/// </summary>
internal sealed class CaseGenerator(int seed, string runTag, KnownSubjects known, FuzzKeys keys)
{
    /// <summary>The kinds of case, with their weights: valid events often enough that every shipment and vehicle sees many.</summary>
    internal static readonly (int Weight, Func<Random, CaseContext, FuzzCase> Make)[] Families =
    [
        (17, EventCases.Valid),
        (20, EventCases.BrokenStructured),
        (12, EventCases.BrokenBatch),
        (12, BinaryEventCases.Broken),
        (5, EventCases.OddBody),
        (10, ReadCases.Odd),
        (4, MapCases.Odd),
        (3, ReadCases.Live),
        (8, GeofenceCases.Broken),
        (5, PlanCases.Broken),
        (4, SubscriptionCases.Broken),
    ];

    /// <summary>One case in this many has a body that stalls (it takes seconds).</summary>
    private const int OneSlowBodyIn = 400;

    private static readonly int TotalWeight = Families.Sum(f => f.Weight);

    public FuzzCase Generate(long index)
    {
        var random = new Random(CaseSeed(seed, index));
        var context = new CaseContext(index, runTag, known, keys);
        if (random.Next(OneSlowBodyIn) == 0)
        {
            return EventCases.SlowBody(random, context);
        }

        var roll = random.Next(TotalWeight);
        foreach (var (weight, make) in Families)
        {
            if (roll < weight)
            {
                return make(random, context);
            }

            roll -= weight;
        }

        throw new InvalidOperationException("The weights do not add up.");
    }

    /// <summary>A seed for case <paramref name="index"/>: the run's seed and the index mixed (SplitMix64's finalizer), so neighbours differ.</summary>
    private static int CaseSeed(int seed, long index)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }
}
