namespace SupplyChain.Silo.Security;

/// <summary>What checking a presented key found: its identity, or why it has none.</summary>
/// <param name="Identity">The key's identity when it is known and in force.</param>
/// <param name="Failure">Why the key was refused, when it was.</param>
/// <param name="StoreFailed">Whether the key could not be checked because the account store failed: a 503, not a 401.</param>
internal readonly record struct KeyVerdict(KeyIdentity? Identity, string? Failure, bool StoreFailed)
{
    public static KeyVerdict StoreUnavailable { get; } = new(null, "The account store could not be read.", StoreFailed: true);

    public static KeyVerdict Known(KeyIdentity identity) => new(identity, null, StoreFailed: false);

    public static KeyVerdict Refused(string reason) => new(null, reason, StoreFailed: false);
}
