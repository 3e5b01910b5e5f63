using SupplyChain.Contracts.Events;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// An alert a vehicle raised that a shipment on board has not confirmed taking yet, kept in the
/// vehicle's stored state with the ping that raised it: a partition that crashes or moves before the
/// shipment takes it attaches it again once the vehicle is read back (the shipment drops a copy by id).
/// </summary>
/// <param name="TrackingNumber">The shipment it goes to.</param>
/// <param name="Alert">The alert.</param>
[GenerateSerializer, Immutable, Alias("sc.AlertToAttach")]
internal sealed record AlertToAttach([property: Id(0)] string TrackingNumber, [property: Id(1)] OutboundEvent Alert);
