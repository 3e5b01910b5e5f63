namespace SupplyChain.Fuzz.Cases;

/// <summary>What a case generator needs besides its random numbers: the case's index, the run's known subjects, keys and clock.</summary>
internal sealed record CaseContext(long Index, string RunTag, KnownSubjects Known, FuzzKeys Keys)
{
    /// <summary>The run's clock: event times and promised dates are near it.</summary>
    public DateTimeOffset Now => Known.Now;
}
