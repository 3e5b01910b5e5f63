using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;

namespace SupplyChain.Grains.Vehicles;

/// <summary>A vehicle's fix waiting to be sent to the shipments that were on board when it came, with the alerts that name them.</summary>
internal sealed record QueuedFix(VehicleFix Fix, IReadOnlyList<OutboundEvent>? Alerts, string[] Shipments);
