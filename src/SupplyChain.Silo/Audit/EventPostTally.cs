namespace SupplyChain.Silo.Audit;

/// <summary>What accepted event posts share to be counted into one audit record per flush interval (<see cref="AuditBuffer"/>).</summary>
/// <param name="Sources">The record's sources, one per line.</param>
internal readonly record struct EventPostTally(
    string Action, int Status, string? Account, string? Key, string Role, string ClientAddress, string Sources, int SourceCount, string? Outcome);
