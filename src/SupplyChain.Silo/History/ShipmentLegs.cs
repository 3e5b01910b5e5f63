using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Silo.History;

/// <summary>
/// Which vehicle carried a shipment when: from each <c>LoadedOnVehicle</c> scan to the next load,
/// unload or delivery (or to the given end while still on board), as the shipment's binding
/// rule has it (a shipment's positions are its vehicle's while loaded). Pure.
/// </summary>
internal static class ShipmentLegs
{
    /// <summary>The legs of the shipment with <paramref name="milestones"/>, in time order, open legs ending at <paramref name="until"/>.</summary>
    public static IReadOnlyList<ShipmentLeg> From(IEnumerable<Milestone> milestones, DateTimeOffset until)
    {
        var legs = new List<ShipmentLeg>();
        ShipmentLeg? open = null;
        foreach (var m in milestones.OrderBy(m => m.At))
        {
            if (open is not null && m.ScanType is ScanType.LoadedOnVehicle or ScanType.UnloadedFromVehicle or ScanType.Delivered)
            {
                legs.Add(open with { To = m.At });
                open = null;
            }

            if (m is { ScanType: ScanType.LoadedOnVehicle, VehicleId: { } vehicle })
            {
                open = new ShipmentLeg(vehicle, m.At, until);
            }
        }

        if (open is not null && open.From < until)
        {
            legs.Add(open);
        }

        return legs;
    }
}
