namespace SupplyChain.Ingestion.Reading;

/// <summary>What is wrong with one event of a request.</summary>
/// <param name="Index">The event's position in the request (0 for a single event).</param>
/// <param name="Id">The event's <c>id</c>, when it could be read.</param>
/// <param name="Message">What is wrong, in words a carrier's developer can act on.</param>
public sealed record EventError(int Index, string? Id, string Message);
