using Orleans.Concurrency;

namespace SupplyChain.Contracts.Accounts;

/// <summary>
/// Who holds one vehicle, or the shipments of one tracking number (key: <see cref="OwnedThing"/>'s key).
/// A vehicle has one owner: the first carrier write claims it, and from then on only that account (and
/// admins) may write it, until an admin transfers it. A tracking number is unique within an account:
/// each account's first write of the number claims a shipment of its own, keyed as
/// <see cref="Shipments.ShipmentKey"/> says. Kept apart from the shipment and vehicle so that the door can
/// ask without activating them.
/// </summary>
[Alias("sc.IOwnershipGrain")]
public interface IOwnershipGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims for <paramref name="account"/> what it may claim (an unowned vehicle; a shipment of its own
    /// under the number, unless <see cref="MaxHoldersPerNumber"/> accounts already hold one) and returns
    /// every holder, the first claimant first.
    /// </summary>
    [Alias("Claim")]
    Task<IReadOnlyList<Owner>> Claim(string account);

    /// <summary>Every holder, the first claimant first; empty while no carrier has written it.</summary>
    [Alias("GetOwners"), ReadOnly]
    Task<IReadOnlyList<Owner>> GetOwners();

    /// <summary>
    /// Hands what <paramref name="from"/> holds (null: the first claimant's) to <paramref name="to"/>, an
    /// admin's act; the shipment keeps its key, so its state and links carry over.
    /// </summary>
    [Alias("Transfer")]
    Task<OwnershipTransfer> Transfer(string? from, string to);

    /// <summary>
    /// Forgets <paramref name="account"/>'s holding (its shipment erased): its key and tracking token are
    /// gone, and the number is free for it to claim again; false when it held nothing here.
    /// </summary>
    [Alias("Release")]
    Task<bool> Release(string account);

    /// <summary>The most accounts that hold shipments of one tracking number.</summary>
    public const int MaxHoldersPerNumber = 16;
}
