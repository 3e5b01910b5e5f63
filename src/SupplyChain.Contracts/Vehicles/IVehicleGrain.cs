using Orleans.Concurrency;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Contracts.Vehicles;

/// <summary>
/// One vehicle, keyed by its vehicle id: its stored state, its rules (plausibility, fences, motion),
/// the shipments on board and the hand-off of its fixes to them. Its partition's grain hands it each
/// stream message's pings of it in one call; shipments bind and unbind it by their load and unload scans.
/// </summary>
[Alias("sc.IVehicleGrain")]
public interface IVehicleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies pings of this vehicle, oldest first (the order of its stream), and answers what they
    /// raised and, when it changed enough to show, the fleet list's line of it. A copy of a ping
    /// already applied changes nothing. Fails when the result could not be stored or handed on; the
    /// activation is then let go, so a redelivery reads storage again and applies the pings for real.
    /// </summary>
    [Alias("ApplyPings")]
    Task<PingsApplied> ApplyPings(Immutable<PingReceived[]> pings);

    /// <summary>
    /// The vehicle carries, or carried, shipment <paramref name="shipment"/> (a shipment grain's key) over
    /// <paramref name="spell"/> (from its load scan's event time to the scan that ended it, if one did):
    /// stored before this returns, replacing the shipment's earlier spell on this vehicle; the shipment is
    /// then handed the fixes the vehicle holds in the spell, and every later one that falls in it, in
    /// whatever order scans and pings arrive.
    /// </summary>
    [Alias("CarrySpell")]
    Task Carry(string shipment, CarriedSpell spell);

    /// <summary>The vehicle never carried <paramref name="shipment"/> after all (the scan that said so was outweighed); stored before this returns.</summary>
    [Alias("Release")]
    Task Release(string shipment);

    /// <summary>
    /// Claims the vehicle for <paramref name="account"/> if nobody owns it, and answers its owner (none or
    /// one): what <see cref="IOwnershipGrain.Claim"/> does for a vehicle. The vehicle keeps its
    /// owner in its own state, so the door's lookups of a reporting vehicle activate nothing more; the
    /// ownership grain stays the record of the first claim and of transfers, asked only when this vehicle
    /// does not know its owner yet.
    /// </summary>
    [Alias("ClaimOwner")]
    Task<IReadOnlyList<Owner>> ClaimOwner(string account);

    /// <summary>The vehicle's owner (none or one), claiming nothing.</summary>
    [Alias("GetOwners"), ReadOnly]
    Task<IReadOnlyList<Owner>> GetOwners();

    /// <summary>Hands the vehicle from <paramref name="from"/> (null: whoever owns it) to <paramref name="to"/>, an admin's act.</summary>
    [Alias("TransferOwner")]
    Task<OwnershipTransfer> TransferOwner(string? from, string to);

    /// <summary>The vehicle as the API shows it, or null when it never reported and carries nothing.</summary>
    [Alias("GetView")]
    Task<VehicleView?> GetView();
}
