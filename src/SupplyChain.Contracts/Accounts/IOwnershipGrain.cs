using Orleans.Concurrency;

namespace SupplyChain.Contracts.Accounts;

/// <summary>
/// Which carrier account owns one shipment or one vehicle (key: <see cref="OwnedThing"/>'s key). The
/// first carrier write claims it; from then on only that account (and admins) may write it, until an
/// admin transfers it. Kept apart from the shipment and vehicle so that the door can ask without
/// activating them.
/// </summary>
[Alias("sc.IOwnershipGrain")]
public interface IOwnershipGrain : IGrainWithStringKey
{
    /// <summary>Claims the thing for <paramref name="account"/> when nobody owns it yet; returns its owner either way.</summary>
    [Alias("Claim")]
    Task<Owner> Claim(string account);

    /// <summary>The owner and the shipment's tracking token, or null while no carrier has written it.</summary>
    [Alias("GetOwner"), ReadOnly]
    Task<Owner?> GetOwner();

    /// <summary>Hands the thing to <paramref name="account"/> (an admin's act); returns the previous owner.</summary>
    [Alias("Transfer")]
    Task<string?> Transfer(string account);
}
