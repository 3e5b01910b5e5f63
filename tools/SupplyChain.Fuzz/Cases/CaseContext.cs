namespace SupplyChain.Fuzz.Cases;

/// <summary>What a case generator needs besides its random numbers: the case's index, the run's known subjects and keys.</summary>
internal sealed record CaseContext(long Index, string RunTag, KnownSubjects Known, FuzzKeys Keys);
