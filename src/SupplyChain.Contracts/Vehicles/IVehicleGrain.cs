using Orleans.Concurrency;
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

    /// <summary>The vehicle as the API shows it, or null when it never reported and carries nothing.</summary>
    [Alias("GetView")]
    Task<VehicleView?> GetView();
}
