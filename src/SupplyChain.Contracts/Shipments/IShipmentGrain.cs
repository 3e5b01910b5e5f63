using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Live;

namespace SupplyChain.Contracts.Shipments;

/// <summary>One shipment, keyed by its tracking number.</summary>
[Alias("sc.IShipmentGrain")]
public interface IShipmentGrain : IGrainWithStringKey, ILiveFeedSource
{
    /// <summary>Applies a scan and returns the outbound events it raised; a copy of a scan already applied changes nothing.</summary>
    [Alias("ApplyScan")]
    Task<IReadOnlyList<OutboundEvent>> ApplyScan(ScanReceived scan);

    /// <summary>Sets the plan; true when this created the shipment.</summary>
    [Alias("SetPlan")]
    Task<bool> SetPlan(ShipmentPlan plan);

    /// <summary>The shipment as customers see it, or null when it is unknown.</summary>
    [Alias("GetView")]
    Task<ShipmentView?> GetView();

    /// <summary>The shipment's outbound events, oldest first, or null when it is unknown.</summary>
    [Alias("GetEvents")]
    Task<IReadOnlyList<OutboundEvent>?> GetEvents();

    /// <summary>
    /// Erases the shipment (an admin's act): the vehicles that carried it let it go, its reminder and
    /// stored state are removed and the grain deactivates; it reads as unknown afterwards. False when it
    /// was unknown already.
    /// </summary>
    [Alias("Erase")]
    Task<bool> Erase();

    /// <summary>
    /// New positions of the vehicle carrying the shipment, oldest first. The vehicle's partition sends
    /// the next ones only when these were taken, so a shipment sees its vehicle's fixes in order.
    /// </summary>
    [Alias("OnVehicleFixes")]
    Task OnVehicleFixes(IReadOnlyList<VehicleFix> fixes);

    /// <summary>
    /// Vehicle events that name this shipment (a stop, a restricted zone): they join its history,
    /// alerts and live feed. Sent after the <see cref="OnVehicleFixes"/> they came with.
    /// </summary>
    [Alias("AttachAlerts")]
    Task AttachAlerts(IReadOnlyList<OutboundEvent> events);
}
