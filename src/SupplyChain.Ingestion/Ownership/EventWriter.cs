namespace SupplyChain.Ingestion.Ownership;

/// <summary>Who posts a request's events, as far as ingestion must know.</summary>
/// <param name="MayPostFor">Whether the caller's key may post events with this CloudEvent <c>source</c>.</param>
/// <param name="Account">
/// The carrier account whose shipments and vehicles the events may write and claim; null for an admin,
/// who may write anyone's and claims nothing.
/// </param>
public sealed record EventWriter(Func<string, bool> MayPostFor, string? Account);
