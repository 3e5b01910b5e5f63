namespace SupplyChain.Fuzz.Cases;

/// <summary>A piece of JSON text (a string token, a number, a whole value) and the name a report shows for it.</summary>
internal sealed record OddPiece(string Name, byte[] Json);
