namespace SupplyChain.Contracts.Accounts;

/// <summary>What came of an admin's transfer.</summary>
/// <param name="Outcome">Whether it was done, and why not.</param>
/// <param name="Previous">The account that held it before; null when nobody did.</param>
[GenerateSerializer, Immutable, Alias("sc.OwnershipTransfer")]
public sealed record OwnershipTransfer([property: Id(0)] TransferOutcome Outcome, [property: Id(1)] string? Previous);

/// <summary>The outcomes of a transfer.</summary>
public enum TransferOutcome
{
    /// <summary>The new account holds it (also when it already did).</summary>
    Transferred,

    /// <summary>The account named as the present holder holds no shipment of that number.</summary>
    NoSuchHolder,

    /// <summary>The receiving account already holds a shipment of that number: one account, one shipment per number.</summary>
    AlreadyHolds,
}
